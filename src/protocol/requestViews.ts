/**
 * The views of a chat's next request, beside the conversation in the protocol: its Model Settings,
 * the instruction files it carries, the gauge of what it costs the model's window, and where
 * earlier turns were summarised or left out. Plain types both sides import.
 */

/** The reasoning levels the Model Settings control offers; each model's provider maps them (core). */
export const reasoningLevels = ['off', 'low', 'medium', 'high'] as const;

export type ReasoningLevel = (typeof reasoningLevels)[number];

/** A chat's request parameters; a field left out is the model's default (`switchboard.modelDefaults`, else the provider's). */
export interface ModelSettings {
  reasoning?: ReasoningLevel;
  /** 0 to 2. */
  temperature?: number;
  /** The most tokens an answer may have. */
  maxTokens?: number;
}

/** The Model Settings control: what the chat chose, what applies, and what the model can do. */
export interface ModelSettingsView {
  /** The conversation's own choice (what the control edits). */
  chosen: ModelSettings;
  /** What the next request uses: the chat's choice over the defaults for this model. */
  effective: ModelSettings;
  /** True when the catalogue says the model reasons: only then is the reasoning choice offered. */
  reasoningSupported: boolean;
  /** The model's limit for `maxTokens`, when known. */
  maxOutputTokens?: number;
}

/** One instruction file in use (or switched off) for the conversation. */
export interface InstructionFileView {
  /** Workspace-relative, with `/` (`AGENTS.md`, `.github/instructions/ts.instructions.md`). */
  path: string;
  enabled: boolean;
  tokens: number;
  /** True when the file was longer than the cap and only its start is used. */
  truncated: boolean;
}

/** The instructions the next request carries: the setting's text and the workspace's files. */
export interface InstructionsView {
  /** `switchboard.chat.useInstructionFiles`. */
  filesEnabled: boolean;
  files: InstructionFileView[];
  /** Tokens of `switchboard.chat.instructions` (absent when the setting is empty). */
  settingTokens?: number;
  /** The size cap of one file, in bytes (said in the UI). */
  capBytes: number;
}

/** The context gauge: what the next request will use against the model's window. */
export interface ContextGaugeView {
  /** Tokens of instructions, summary, history and the draft's attachments. */
  used: number;
  /** The model's input window. */
  window: number;
  /** Tokens kept free for the answer. */
  reserve: number;
  /** False when the window is the conservative default for a model of unknown size. */
  windowKnown: boolean;
}

/** Where earlier turns stopped being sent as they were: summarised, or left out. */
export interface CompactionView {
  id: string;
  kind: 'summary' | 'dropped';
  /** The first message still sent in full; the divider is drawn before it. */
  beforeMessageId: string;
  /** How many messages were condensed or left out. */
  messageCount: number;
  /** The summary (markdown), for `summary`. */
  summary?: string;
  createdAt: number;
}
