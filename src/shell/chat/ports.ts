/**
 * What the chat controller needs from the rest of the shell, as plain interfaces: the controller
 * and the conversation store import no `vscode`, so they are tested in plain Node; the shell
 * implements these ports with VS Code, SecretStorage and the core client.
 */

import type { CompletionStream, Message } from '../../core';
import type { ChatMessageView, ConversationSummary, ModelOption, ToWebview } from '../../protocol/messages';

/** A stored conversation: the messages exactly as the webview shows them, plus identity. */
export interface Conversation {
  version: 1;
  id: string;
  title: string;
  /** Unix milliseconds. */
  createdAt: number;
  updatedAt: number;
  /** The model of the last answer, `provider/model`. */
  model: string;
  messages: ChatMessageView[];
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
  stream(request: { model: string; messages: Message[]; signal: AbortSignal }): Promise<CompletionStream>;
}

/** The model the chat uses, and the ones it could use. */
export interface ModelChoice {
  current(): string;
  select(model: string): Promise<void>;
  options(): ModelOption[];
  /** True when the model accepts images (from the catalogue or a setting). */
  supportsVision(model: string): boolean;
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
