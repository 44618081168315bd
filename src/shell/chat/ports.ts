/**
 * What the chat controller needs from the rest of the shell, as plain interfaces: the controller
 * and the conversation store import no `vscode`, so they are tested in plain Node; the shell
 * implements these ports with VS Code, SecretStorage and the core client.
 */

import type { CompletionParams, CompletionStream, Message } from '../../core';
import type { ModelFacts } from '../modelLimits';
import type { Attachment, ChatMessageView, ContextKind, ConversationSummary, ModelOption, ToWebview, UsageView } from '../../protocol/messages';
import type { CompactionView, ModelSettings } from '../../protocol/requestViews';

/** Where earlier turns stopped being sent as they were, with what the summary request cost. */
export interface Compaction extends CompactionView {
  /** The summary request's usage and cost (counted in the conversation's totals). */
  usage?: UsageView;
}

/** Who wrote a conversation's title: its first line, the model, or the user (a rename always wins). */
export type TitleSource = 'firstLine' | 'model' | 'user';

/**
 * A stored conversation: the messages exactly as the webview shows them, plus identity and the
 * chat's own choices. Every field after `messages` is optional, so files of earlier versions load.
 * Version 2 added answers that used tools (`rounds`, tool calls with their state and result);
 * version 1 files load as they are and are written as version 2.
 */
export interface Conversation {
  version: 1 | 2;
  id: string;
  title: string;
  /** Unix milliseconds. */
  createdAt: number;
  updatedAt: number;
  /** The model of the last answer, `provider/model`. */
  model: string;
  messages: ChatMessageView[];
  /** The chat's Model Settings (over `switchboard.modelDefaults`). */
  modelSettings?: ModelSettings;
  /** Instruction files switched off for this conversation (workspace-relative paths). */
  disabledInstructions?: string[];
  /** Where earlier turns were summarised or left out, oldest first; the last one applies to requests. */
  compactions?: Compaction[];
  titleSource?: TitleSource;
  /** Requests besides the answers (titles), counted in the totals. */
  sideUsage?: UsageView;
}

/** Conversations on disk (global storage), written atomically. */
export interface ConversationStore {
  /** Summaries, newest first. Files that cannot be read are left out and reported to `onUnreadable`. */
  list(): Promise<ConversationSummary[]>;
  /** The conversation, or undefined when it does not exist or cannot be read (reported, not thrown). */
  load(id: string): Promise<Conversation | undefined>;
  /** Writes to a temporary file and renames it over the old one: a crash never leaves half a file. */
  save(conversation: Conversation): Promise<void>;
  rename(id: string, title: string): Promise<void>;
  delete(id: string): Promise<void>;
}

/**
 * Streams an answer. The shell resolves the model (custom endpoints, settings, the stored key); the
 * stream's `response()` holds the answer so far, its usage and its cost.
 */
export interface ChatCompletions {
  stream(request: ChatRequest): Promise<CompletionStream>;
}

/**
 * Where the chat counts each request it sent — answers (each round), summaries, titles: what its
 * totals count — by day and model, for "Switchboard: Show Usage".
 */
export interface ChatUsageLog {
  /** One request to `model` that the provider answered, with the usage it reported (none when it reported none). */
  record(model: string, usage: UsageView | undefined): void;
}

/** The request parameters the chat sets (Model Settings, titles, summaries, the tools offered); left out, the provider's default. */
export type ChatRequestParams = Pick<CompletionParams, 'temperature' | 'max_tokens' | 'reasoning_effort' | 'tools'>;

/** One request of the chat: an answer, a title or a summary. */
export interface ChatRequest {
  model: string;
  messages: Message[];
  signal: AbortSignal;
  params?: ChatRequestParams;
}

/** The model the chat uses, and the ones it could use. */
export interface ModelChoice {
  current(): string;
  select(model: string): Promise<void>;
  options(): ModelOption[];
  /** True when the model accepts images (from the catalogue or a setting). */
  supportsVision(model: string): boolean;
  /** Its window, output limit and whether it reasons. */
  facts(model: string): ModelFacts;
}

/** Where messages for the webview go; absent while no view is resolved (streams keep running). */
export interface WebviewSink {
  post(message: ToWebview): void;
}

/** Log lines (VS Code's LogOutputChannel has these); never given a key. */
export interface ChatLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

/** Time and ids, injectable so tests are deterministic. */
export interface ChatEnvironment {
  now(): number;
  /** A fresh id for a conversation or a message: `[A-Za-z0-9_-]`, at most 100 characters (it names a file). */
  newId(): string;
  /** Schedules `flush` for the next animation frame of the webview (the host has none: ~16 ms). */
  scheduleFrame(flush: () => void): { cancel(): void };
  /**
   * Runs `run` once, `ms` milliseconds from now (saves while an answer streams, retries of a failed
   * save). Optional: without it real timers are used; tests pass a clock they advance by hand.
   */
  scheduleAfter?(ms: number, run: () => void): { cancel(): void };
  /**
   * Translates a host string (`vscode.l10n.t`: `{0}`, `{1}` … are the arguments). Optional: without
   * it the chat speaks English.
   */
  localize?(message: string, ...args: (string | number)[]): string;
  /**
   * Shows a warning that stays until the user dismisses it (VS Code's notification), for trouble a
   * passing notice in the chat could miss: the chat cannot be saved. Optional: without it, only the
   * chat's notice says so.
   */
  warn?(message: string): void;
}

/**
 * What the chat's code and link buttons need of VS Code (its window, clipboard, languages and
 * `openExternal`); `editorActions.ts` implements it, and the rules behind the buttons
 * (`codeActions.ts`) run and are tested in plain Node.
 */
export interface EditorPort {
  writeClipboard(text: string): Promise<void>;
  /** True when there is an editor code can go into (the active one, else the first visible one). */
  hasTargetEditor(): boolean;
  /** Replaces that editor's selections with `text` and shows it; false when the editor refused (read-only, changed meanwhile). */
  insert(text: string): Promise<boolean>;
  /** The language ids VS Code knows. */
  languages(): Promise<string[]>;
  /** Opens an untitled document holding `content` in `language`. */
  openUntitled(content: string, language: string): Promise<void>;
  /** Opens a web or mail link outside VS Code. */
  openExternal(link: string): Promise<void>;
  /** A warning without buttons. */
  warn(message: string): Promise<void>;
  /** A modal warning with one button besides Cancel; true only when the user chose `action`. */
  confirm(message: string, action: string): Promise<boolean>;
}

/** One instruction file as the request carries it. */
export interface InstructionFile {
  /** Workspace-relative, with `/` (in a multi-root window, prefixed with the folder's name). */
  path: string;
  /** The file's text without its front matter, cut at the cap. */
  text: string;
  /** True when the file was longer than the cap. */
  truncated: boolean;
}

/**
 * The workspace's instruction files (`AGENTS.md`, `.github/copilot-instructions.md`,
 * `.github/instructions/*.instructions.md`, `CLAUDE.md`), read through `vscode.workspace.fs`.
 */
export interface InstructionFiles {
  /** The size cap of one file, in bytes. */
  readonly capBytes: number;
  /**
   * The files that apply, in a stable order, given the workspace-relative paths of the files the
   * conversation attached (for `applyTo` and the nearest `AGENTS.md` above each). Empty when
   * `switchboard.chat.useInstructionFiles` is off or no folder is open. Never rejects.
   */
  find(attachedPaths: readonly string[]): Promise<InstructionFile[]>;
  /** Fires when an instruction file may have changed (created, edited, deleted) or the setting did. */
  onDidChange(listener: () => void): { dispose(): void };
  /** Opens the file in an editor. */
  open(path: string): Promise<void>;
}

/** What the "Add Context" picker added: attachments (each with its `tokens`), nothing (the user cancelled), or why nothing could be. */
export type ContextResult = { attachments: Attachment[] } | { problem: string };

/** Context from the editor and the workspace (`#file`, `#folder`, `#selection`, `#problems`, `#changes`, `#terminal`). */
export interface ContextSources {
  /**
   * Adds `kind`: asks the user where it must (a quick pick of files or folders) and reads the
   * rest. `attachedFiles` are the workspace-relative paths already in the draft (for `#problems`
   * of those files); `tokenBudget` bounds what a folder brings. Never rejects.
   */
  add(kind: ContextKind, request: { attachedFiles: readonly string[]; tokenBudget: number }): Promise<ContextResult>;
}

/** Counts the tokens of a text (o200k_base; the tokenizer loads on the first count). */
export interface TokenCounting {
  count(text: string): Promise<number>;
}
