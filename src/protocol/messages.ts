/**
 * The host ⇄ webview protocol: one file, imported by both sides. Every message is plain JSON with
 * a namespaced `type`. The host owns the conversation and the stream and sends deltas, never the
 * whole state (except the snapshot answering `ready`); the webview sends requests and user
 * actions, and is untrusted: `guards.ts` checks every message it sends at the host's door.
 */

import type { CompactionView, ContextGaugeView, InstructionsView, ModelSettings, ModelSettingsView } from './requestViews';
import type { ThinkingBlockView, ToolCallState, ToolDecision, ToolResultView, ToolSourceLabel, ToolsView } from './toolViews';

// ---------------------------------------------------------------------------------------------
// Views: what the webview shows. Never a key: provider status is `hasKey: boolean` at most.
// ---------------------------------------------------------------------------------------------

/**
 * The kinds of context a message can carry: a selection, a file, an image, a folder (its tree and,
 * within a token budget, its files), problems (diagnostics), changes (Git's diff of the working
 * tree and the index) and a terminal's last command with its output.
 */
export const attachmentKinds = ['selection', 'file', 'image', 'folder', 'problems', 'changes', 'terminal'] as const;

/** What the "Add Context" picker offers (`#file`, `#folder`, …); `activeFile` is the attach button. */
export const contextKinds = ['file', 'folder', 'selection', 'problems', 'changes', 'terminal', 'activeFile'] as const;

export type ContextKind = (typeof contextKinds)[number];

/**
 * What one image counts for in token estimates (the gauge, the chips, VS Code's token counts):
 * OpenAI's price for a 1024×1024 image at high detail (85 + 4 tiles × 170). The image's size is
 * not decoded; a typical screenshot costs about this much, and counting an image as nothing would
 * let a prompt overflow the window.
 */
export const tokensPerImage = 765;

/** Context the user attached to a message. */
export interface Attachment {
  kind: (typeof attachmentKinds)[number];
  /** A file name (`src/app.ts`) or, for images, a label (`pasted image.png`). */
  name: string;
  /** VS Code language id of a selection or file (`typescript`). */
  languageId?: string;
  /** The selected or attached text. */
  text?: string;
  /** Lines of a selection, 1-based and inclusive (`12-40`). */
  lines?: string;
  /** An image as a `data:image/…;base64,…` URL. */
  dataUrl?: string;
  /** Its size in tokens as the host estimated it when attaching (shown on the chip before sending). */
  tokens?: number;
}

export interface ToolCallView {
  id: string;
  /** The name the model called (`read_file`, `mcp__files__read_text_file`). */
  name: string;
  /** The arguments as the model wrote them (JSON text). */
  arguments: string;
  /** The tool's source, once the host found the tool (absent for a name no source offers). */
  source?: ToolSourceLabel;
  /** The tool's own name at its source, when it differs from `name` (an MCP tool's). */
  toolName?: string;
  /** Absent while the call streams (the same as `pending`). */
  state?: ToolCallState;
  /** What came back (also for a denied, failed or cancelled call: what the model was told). */
  result?: ToolResultView;
}

/**
 * One finished round of an answer that used tools: what the model said and thought before asking,
 * the calls it made, their results. The answer's last round is the message's own `content`,
 * `reasoning` and `toolCalls`.
 */
export interface AnswerRoundView {
  content: string;
  reasoning?: string;
  toolCalls: ToolCallView[];
  /** The provider's signed reasoning of the round, sent back with it (never shown). */
  thinkingBlocks?: ThinkingBlockView[];
  /** The round's usage (the message's `usage` is the sum over all rounds). */
  usage?: UsageView;
}

export interface UsageView {
  promptTokens?: number;
  completionTokens?: number;
  reasoningTokens?: number;
  cachedTokens?: number;
  /** USD, when the model's prices are known. */
  cost?: number;
}

/** The buttons an error or a banner can offer. */
export const errorActions = ['addProvider', 'setApiKey', 'selectModel', 'retry', 'showLogs', 'openSettings', 'testConnection'] as const;

export type ErrorAction = (typeof errorActions)[number];

/** The states a message can be in. */
export const messageStatuses = ['complete', 'streaming', 'stopped', 'error'] as const;

/** An error as a person can act on it: what happened, and the buttons that help. */
export interface ChatErrorView {
  message: string;
  /** The core error class (`AuthenticationError`, …) or `Error`. */
  kind: string;
  actions: ErrorAction[];
}

export type MessageStatus = (typeof messageStatuses)[number];

export interface ChatMessageView {
  id: string;
  role: 'user' | 'assistant';
  /** Markdown text (the webview renders it safely). */
  content: string;
  reasoning?: string;
  toolCalls?: ToolCallView[];
  /** An answer that used tools: its finished rounds, oldest first, before the current one. */
  rounds?: AnswerRoundView[];
  /** The provider's signed reasoning of the last round (kept while its calls run; never shown). */
  thinkingBlocks?: ThinkingBlockView[];
  /**
   * The answer stopped after `switchboard.tools.maxRounds` rounds of tool calls: the view offers
   * "Continue" (`chat/continue`), which runs more rounds on this message.
   */
  roundLimitReached?: boolean;
  attachments?: Attachment[];
  /** `provider/model` that answered (assistant) or was asked (user). */
  model?: string;
  status: MessageStatus;
  usage?: UsageView;
  error?: ChatErrorView;
  /** Unix milliseconds. */
  createdAt: number;
}

export interface ConversationSummary {
  id: string;
  title: string;
  /** Unix milliseconds. */
  updatedAt: number;
  messageCount: number;
  /** In search results: a short excerpt around the first match in the messages' text. */
  match?: string;
}

export interface ModelOption {
  /** `provider/model`, as sent back in `models/select`. */
  id: string;
  label: string;
  provider: string;
  /** e.g. "128k context · $0.15 / $0.60 per 1M tokens". */
  description?: string;
  supportsVision?: boolean;
}

/** A notice above the chat, e.g. "Offline mock model: set an API key to use a real one." */
export interface BannerView {
  kind: 'offline' | 'info' | 'warning';
  message: string;
  actions: ErrorAction[];
}

/** A proposed change under review in the diff editor, for the chat's Accept / Reject bar. */
export interface ReviewView {
  /** The file, workspace-relative. */
  label: string;
  /** How the change was made ("patch", "whole file", …). */
  how: string;
  /** Proposals waiting, this one included. */
  remaining: number;
}

export interface DraftView {
  text?: string;
  attachments: Attachment[];
}

/** Everything the webview needs to draw itself from nothing (answer to `ready`). */
export interface ChatSnapshot {
  conversationId: string;
  title: string;
  messages: ChatMessageView[];
  /** The answer streaming now, if any: deltas for it follow. */
  streaming?: { requestId: string; messageId: string };
  model: string;
  models: ModelOption[];
  history: ConversationSummary[];
  banner?: BannerView;
  /** Context waiting to be sent (Ask About Selection, an attached file). */
  draft?: DraftView;
  /** The conversation's total usage and cost. */
  totals: UsageView;
  modelSettings: ModelSettingsView;
  instructions: InstructionsView;
  /** Absent until the host counted (the tokenizer loads on the first count). */
  gauge?: ContextGaugeView;
  /** Where earlier turns were summarised or left out, oldest first. */
  compactions: CompactionView[];
  /** The tools picker's sources and choices. */
  tools: ToolsView;
  /** A proposed change under review, if any. */
  review?: ReviewView;
}

// ---------------------------------------------------------------------------------------------
// Host → webview
// ---------------------------------------------------------------------------------------------

export type ToWebview =
  /** The whole state, answering `ready` (a new or re-shown view catches up) and on conversation switch. */
  | { type: 'state/snapshot'; snapshot: ChatSnapshot }
  /** A message was added: the user's, or the assistant's placeholder that deltas will fill. */
  | { type: 'chat/appended'; message: ChatMessageView }
  /**
   * What one answer gained since the last delta, at most one per animation frame; `seq` counts
   * from 0. Text and reasoning are appended; tool calls come whole (the host joins their
   * fragments) and replace the ones shown.
   */
  | {
      type: 'chat/delta';
      requestId: string;
      messageId: string;
      seq: number;
      content?: string;
      reasoning?: string;
      toolCalls?: ToolCallView[];
    }
  /** The answer ended (complete or stopped): its final form, and the conversation's totals. */
  | { type: 'chat/done'; requestId: string; message: ChatMessageView; totals: UsageView }
  /** The answer failed: the message keeps what arrived and carries `error`. */
  | { type: 'chat/error'; requestId: string; message: ChatMessageView; totals: UsageView }
  /** Messages from this one on were removed (edit and resend, regenerate). */
  | { type: 'chat/truncated'; fromMessageId: string }
  | { type: 'models/list'; models: ModelOption[]; current: string }
  | { type: 'history/list'; conversations: ConversationSummary[] }
  | { type: 'draft/set'; draft: DraftView }
  | { type: 'banner/set'; banner?: BannerView }
  /** The proposed change under review changed (none left: absent). */
  | { type: 'review/set'; review?: ReviewView }
  /** A short notice for the user (e.g. "Copied"). */
  | { type: 'notice'; message: string }
  /** Open the history list ("Switchboard: Show History"). */
  | { type: 'view/showHistory' }
  | { type: 'modelSettings/set'; modelSettings: ModelSettingsView }
  | { type: 'instructions/list'; instructions: InstructionsView }
  | { type: 'context/gauge'; gauge: ContextGaugeView }
  /** The conversation's compactions changed (a summary was made, turns were left out). */
  | { type: 'chat/compacted'; compactions: CompactionView[] }
  /** The current conversation's title changed (written by the model, renamed). */
  | { type: 'conversation/title'; conversationId: string; title: string }
  /** The conversations matching a `history/search` (its query echoed; an empty query is never answered). */
  | { type: 'history/results'; query: string; conversations: ConversationSummary[] }
  /**
   * One tool call of the streaming answer changed (its source found, approval asked, running,
   * its result): it replaces the call with the same id in the message's `toolCalls`.
   */
  | { type: 'chat/tool'; requestId: string; messageId: string; call: ToolCallView }
  /** The tools picker changed (a source started or failed, a tool list changed, a choice was made). */
  | { type: 'tools/list'; tools: ToolsView };

// ---------------------------------------------------------------------------------------------
// Webview → host (untrusted: checked by guards.ts)
// ---------------------------------------------------------------------------------------------

export type FromWebview =
  | { type: 'ready' }
  | { type: 'chat/send'; requestId: string; text: string; attachments: Attachment[] }
  | { type: 'chat/cancel'; requestId?: string }
  /** Answer the last user message again (also the "Retry" action). */
  | { type: 'chat/regenerate'; requestId: string }
  /** Replace a user message's text and answer again from there. */
  | { type: 'chat/edit'; requestId: string; messageId: string; text: string }
  | { type: 'chat/new' }
  /** The user started typing in this conversation (told once per conversation): the host makes the model's request ready. */
  | { type: 'chat/composing' }
  | { type: 'models/select'; model: string }
  | { type: 'history/open'; conversationId: string }
  | { type: 'history/rename'; conversationId: string; title: string }
  | { type: 'history/delete'; conversationId: string }
  | { type: 'history/export'; conversationId: string }
  /** The history panel opened (its search box has the focus): the host gets history search ready in the background. */
  | { type: 'history/shown' }
  | { type: 'code/copy'; code: string }
  | { type: 'code/insert'; code: string }
  | { type: 'code/newFile'; code: string; languageId?: string }
  /** Apply an answer's code block to the user's files (the host finds the block in that answer). */
  | { type: 'code/apply'; messageId: string; code: string }
  /** Apply every block of an answer that names its file, reviewed file by file. */
  | { type: 'code/applyAll'; messageId: string }
  /** Accept or Reject the proposed change under review, from the chat's bar. */
  | { type: 'review/decide'; decision: 'accept' | 'reject' }
  /** A link the user clicked; the host opens http(s) and mailto links only. */
  | { type: 'link/open'; href: string }
  /** A button of an error or banner. */
  | { type: 'action/run'; action: ErrorAction }
  /** Add context to the draft: the host asks what (a file, a folder) where it must, and attaches it. */
  | { type: 'context/add'; kind: ContextKind }
  /** The chat's Model Settings changed (a field left out goes back to the default). */
  | { type: 'modelSettings/set'; settings: ModelSettings }
  /** Switch an instruction file on or off for this conversation. */
  | { type: 'instructions/toggle'; path: string; enabled: boolean }
  /** Open an instruction file in the editor. */
  | { type: 'instructions/open'; path: string }
  /** Search the saved conversations' titles and text. */
  | { type: 'history/search'; query: string }
  /** The draft's attachments changed in the webview (one removed, an image pasted). */
  | { type: 'draft/update'; draft: DraftView }
  /** The user's answer to a tool call that asks first (only a call now awaiting approval is acted on). */
  | { type: 'tools/approve'; requestId: string; callId: string; decision: ToolDecision }
  /** Switch a tool (or, without `tool`, every tool of a source) on or off; remembered. */
  | { type: 'tools/toggle'; sourceId: string; tool?: string; enabled: boolean }
  /** Take back "Always Allow" for a tool: it asks again. */
  | { type: 'tools/revoke'; sourceId: string; tool: string }
  /** The tools picker opened: MCP servers not yet started start, so their tools can be listed. */
  | { type: 'tools/refresh' }
  /** Run more rounds of an answer that stopped at `switchboard.tools.maxRounds` (its last message). */
  | { type: 'chat/continue'; requestId: string; messageId: string };

export type FromWebviewType = FromWebview['type'];

/** Limits the host enforces on what the webview sends (see guards.ts). */
export const protocolLimits = {
  /** Characters of a message's text. */
  textLength: 1_000_000,
  /** Characters of a title. */
  titleLength: 200,
  /** Attachments on one message. */
  attachments: 20,
  /** Characters of an attached text (selection or file). */
  attachmentTextLength: 2_000_000,
  /** Characters of an image data URL (about 15 MB of image). */
  dataUrlLength: 20_000_000,
  /** Characters of an id (request, message, conversation). */
  idLength: 100,
  /** Characters of a code block sent for copy, insert or a new file. */
  codeLength: 5_000_000,
  /** Characters of a link. */
  hrefLength: 8_192,
  /** Characters of a history search. */
  queryLength: 200,
  /** Characters of an instruction file's workspace-relative path. */
  pathLength: 1_024,
  /** The largest `maxTokens` a chat may ask for. */
  maxTokens: 1_000_000,
  /** Characters of a tool source's id (`mcp:<server>`) or a tool's name. */
  toolNameLength: 256,
} as const;

/**
 * An id of a request, message or conversation: letters, digits, `_` and `-`. A conversation's id
 * names its file, so nothing a path could turn into a trick (no dots, no slashes).
 */
export const idPattern = new RegExp(`^[A-Za-z0-9_-]{1,${protocolLimits.idLength}}$`);

/** An image attachment: a base64 `data:` URL of the kinds a webview shows. */
export const imageDataUrlPattern = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;
