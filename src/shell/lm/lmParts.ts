/**
 * VS Code's language-model messages and parts as plain data. The thin files that touch `vscode`
 * turn its classes (`LanguageModelTextPart`, `LanguageModelToolCallPart`, …) into these and back,
 * so every mapping between them and the OpenAI shapes is vscode-free and tested in plain Node.
 */

/** A piece of a message or of a response. */
export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'toolCall'; callId: string; name: string; input: object }
  | { kind: 'toolResult'; callId: string; content: LmPart[]; isError?: boolean }
  | { kind: 'data'; mimeType: string; data: Uint8Array }
  /** Something this version does not map (a prompt-tsx part, a thinking part): named for the log. */
  | { kind: 'other'; description: string };

/**
 * `system` exists only in VS Code's proposed API (`LanguageModelChatMessageRole.System`); a
 * provider may still receive it from callers that use the proposal.
 */
export type LmRole = 'user' | 'assistant' | 'system';

export interface LmMessage {
  role: LmRole;
  parts: LmPart[];
  name?: string;
}

/** What a response streams: text, and tool calls whose input is complete. */
export type LmResponsePart = Extract<LmPart, { kind: 'text' } | { kind: 'toolCall' }>;

/** A tool a caller offers the model (`LanguageModelChatTool`). */
export interface LmTool {
  name: string;
  description: string;
  inputSchema?: object;
}

/** `LanguageModelChatToolMode`: Auto = 1, Required = 2. */
export type LmToolMode = 'auto' | 'required';

/** The log lines the mappers write (a LogOutputChannel fits). */
export interface LmLog {
  debug(message: string): void;
}
