/**
 * The chat's tools as the webview sees them: where each tool comes from, what the model asked a
 * tool to do, whether the user allowed it, and what came back. Plain types and constants, shared by
 * the host and the webview.
 */

/** Where a tool comes from: the built-in read-only workspace tools, an MCP server, or VS Code (`vscode.lm.tools`). */
export const toolSourceKinds = ['builtin', 'mcp', 'vscode'] as const;

export type ToolSourceKind = (typeof toolSourceKinds)[number];

/**
 * Where one call of an answer stands:
 * - `pending`: asked for, not yet looked at (the answer is still streaming);
 * - `awaitingApproval`: shown with Allow / Always Allow / Deny;
 * - `running`: allowed (or allowed without asking) and running;
 * - `done`: the tool answered (its result may still be an error the tool reported);
 * - `failed`: the call could not run or broke (no such tool, a timeout, a crashed server);
 * - `denied`: the user said no;
 * - `cancelled`: Stop, or the answer ended before the call ran.
 */
export const toolCallStates = ['pending', 'awaitingApproval', 'running', 'done', 'failed', 'denied', 'cancelled'] as const;

export type ToolCallState = (typeof toolCallStates)[number];

/** What the user answers to a call that asks first. */
export const toolDecisions = ['allow', 'alwaysAllow', 'deny'] as const;

export type ToolDecision = (typeof toolDecisions)[number];

/** A tool's source as a call shows it beside the tool's name. */
export interface ToolSourceLabel {
  kind: ToolSourceKind;
  /** Shown to the user: "Workspace", an MCP server's name, "VS Code". */
  label: string;
  /** The source's id in the tools picker (`builtin`, `vscode`, `mcp:<server>`). */
  id: string;
}

/** What a tool call returned, as the model is sent it. */
export interface ToolResultView {
  /** The result as text (capped; a cut result says so at its end). Rendered as plain text, never as markup. */
  text: string;
  /** True when the call failed, was denied or cancelled, or the tool reported an error: the model reads it as such. */
  isError: boolean;
  /** Images the tool returned, as `data:image/…;base64,…` URLs; sent on to models that take images. */
  images?: string[];
  /** Milliseconds from the start of the call to its result. */
  durationMs?: number;
}

/** The limits on what a tool result may carry into the conversation and the next request. */
export const toolResultLimits = {
  /** Characters of a result's text; a longer one is cut and says where. */
  textLength: 100_000,
  /** Images of one result. */
  images: 4,
  /** Characters of one image's data URL (about 3.7 MB of image). */
  imageDataUrlLength: 5_000_000,
} as const;

/** A provider's signed reasoning, kept with a tool round and sent back with it (Anthropic's thinking blocks, Gemini's thoughts). */
export type ThinkingBlockView = { type: 'thinking'; thinking: string; signature?: string } | { type: 'redacted_thinking'; data: string };

/** One tool in the picker. */
export interface ToolView {
  /** The tool's own name at its source (an MCP tool's name on its server). */
  name: string;
  /** The name the model is offered (`read_file`, `mcp__files__read_text_file`, a VS Code tool's own name). */
  modelName: string;
  description: string;
  enabled: boolean;
  /** Runs without asking: "Always Allow" was chosen (revocable in the picker). */
  alwaysAllowed: boolean;
  /** A built-in tool that only reads (runs without asking while `switchboard.tools.autoApproveReadOnly` is on). */
  readOnly: boolean;
}

/** Where a source stands: MCP servers start on first use, and may fail to. */
export const toolSourceStates = ['ready', 'notStarted', 'starting', 'failed'] as const;

export type ToolSourceState = (typeof toolSourceStates)[number];

export interface ToolSourceView extends ToolSourceLabel {
  /** False when every tool of the source is switched off in the picker. */
  enabled: boolean;
  state: ToolSourceState;
  /** Why a source failed (a server that did not start, a crash), in words. */
  problem?: string;
  tools: ToolView[];
}

/** The tools picker: every source and its tools, and whether the chat's model is sent any. */
export interface ToolsView {
  /** `switchboard.tools.enabled`. */
  enabled: boolean;
  /** False when the chat's model does not take tools (its catalogue entry says so): none are sent. */
  modelSupportsTools: boolean;
  /** Built-in read-only tools run without asking (`switchboard.tools.autoApproveReadOnly`). */
  autoApproveReadOnly: boolean;
  sources: ToolSourceView[];
}
