/**
 * What a source of tools is, as plain interfaces: the built-in workspace tools, each MCP server and
 * VS Code's `vscode.lm.tools` all implement `ToolSource`, and the toolbox (`toolbox.ts`) offers
 * their tools to the model, asks the user, runs the calls and bounds what comes back. Nothing here
 * imports `vscode`, so the toolbox and the chat's tool loop run and are tested in plain Node.
 */

import type { ToolSourceKind, ToolSourceState } from '../../protocol/toolViews';

/** A JSON Schema object (a tool's `inputSchema`). */
export type ToolInputSchema = Record<string, unknown>;

/** One tool as its source describes it. */
export interface ToolDescriptor {
  /** The tool's own name at its source (an MCP tool's name on its server). */
  name: string;
  description: string;
  /** The JSON Schema of its arguments (`{ type: 'object', … }`). */
  inputSchema: ToolInputSchema;
  /** True only for the built-in tools that read and change nothing: they may run without asking. */
  readOnly: boolean;
}

/** A piece of what a tool returned. */
export type ToolContent = { type: 'text'; text: string } | { type: 'image'; mimeType: string; data: string };

/** What one call returned. */
export interface ToolOutput {
  content: ToolContent[];
  /** The tool reported an error (MCP's `isError`, a built-in's refusal): the model reads the text as one. */
  isError: boolean;
}

/** A source's tools and state, as far as it knows without starting anything. */
export interface ToolSourceStatus {
  state: ToolSourceState;
  /** Why it failed, in words (shown in the picker and told to the model when a call cannot run). */
  problem?: string;
  /** Its tools when it has listed them (`ready`), else empty. */
  tools: ToolDescriptor[];
}

export interface ToolCallOptions {
  /**
   * Aborted on Stop and when the call's time (`switchboard.tools.timeout`) is up. A source passes it
   * on (MCP's cancellation notification, VS Code's `CancellationToken`); the toolbox does not wait
   * for a source that ignores it.
   */
  signal: AbortSignal;
  /** The call's time limit in milliseconds (the signal fires then too); MCP's request timeout. */
  timeoutMs: number;
}

/** Where tools come from. Every method but `call` never rejects; `call` may (the toolbox turns a rejection into the call's result). */
export interface ToolSource {
  /** `builtin`, `vscode` or `mcp:<server>`: stable, the key of the user's choices. */
  readonly id: string;
  readonly kind: ToolSourceKind;
  /** Shown to the user: "Workspace", the MCP server's name, "VS Code". */
  readonly label: string;
  /** The state and tools now, without starting anything. */
  status(): ToolSourceStatus;
  /**
   * The tools, starting the source when it starts on first use (an MCP server) and waiting at most
   * until it answered or failed. Never rejects: a failure is the status's `problem` and no tools.
   */
  start(): Promise<ToolSourceStatus>;
  /** Runs the tool `name` (the source's own name) with parsed arguments. */
  call(name: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolOutput>;
  /** Fires when the status or the tool list changed (started, crashed, `notifications/tools/list_changed`). */
  onDidChange(listener: () => void): { dispose(): void };
  /** Stops what it started (an MCP server's process or connection). */
  dispose(): void;
}

/** Where the sources come from: fixed ones and the MCP servers of the settings, which may change. */
export interface ToolSourceList {
  /** The sources now, in a stable order (the built-ins, then MCP servers by name, then VS Code's). */
  sources(): readonly ToolSource[];
  /** Fires when the list changed (a server added or removed in the settings). */
  onDidChange(listener: () => void): { dispose(): void };
}
