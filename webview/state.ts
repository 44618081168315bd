/**
 * The webview's state and its pure reducer: `(state, ToWebview) → state`. The state is immutable:
 * a message the host did not touch keeps its object, so the renderer finds what changed by
 * identity and leaves the rest of the DOM alone (a delta replaces only the streaming message).
 */

import type { Attachment, BannerView, ChatMessageView, ChatSnapshot, ConversationSummary, ModelOption, ReviewView, ToolCallView, ToWebview, UsageView } from '../src/protocol/messages';
import type { CompactionView, ContextGaugeView, InstructionsView, ModelSettingsView } from '../src/protocol/requestViews';
import type { ToolsView } from '../src/protocol/toolViews';
import { noTools, withToolCall } from './toolState';

/** The answer being streamed: known from our own `chat/send`, a snapshot, or the first delta. */
export interface ActiveRequest {
  requestId?: string;
  messageId?: string;
}

/**
 * The history search: the query in the search box (trimmed; '' shows the saved list) and the
 * conversations the host found for exactly that query, once they came.
 */
export interface HistorySearch {
  query: string;
  results?: readonly ConversationSummary[];
}

/** An answer that just ended, for the screen-reader announcement (each answer once). */
export interface Announcement {
  messageId: string;
  /** Increments per announcement, so the same message announced again (regenerate) still differs. */
  serial: number;
}

export interface ChatState {
  /** False until the first snapshot arrived: nothing is drawn before. */
  ready: boolean;
  conversationId: string;
  title: string;
  messages: readonly ChatMessageView[];
  active?: ActiveRequest;
  model: string;
  models: readonly ModelOption[];
  history: readonly ConversationSummary[];
  banner?: BannerView;
  totals: UsageView;
  /** The composer: its text is the webview's own (kept by `vscode.setState`); attachments mirror the host's draft. */
  draft: { text: string; attachments: readonly Attachment[] };
  notice?: { message: string; serial: number };
  /** Counts "Show History" requests: a new count opens the history list. */
  historyRequests: number;
  /** The proposed change under review in the diff editor, if any. */
  review?: ReviewView;
  announcement?: Announcement;
  /** The last `seq` applied per streaming request, so a repeated or late delta is not applied twice. */
  lastSeq: Readonly<Record<string, number>>;
  modelSettings: ModelSettingsView;
  instructions: InstructionsView;
  /** Absent until the host counted: the gauge stays hidden until then. */
  gauge?: ContextGaugeView;
  compactions: readonly CompactionView[];
  search: HistorySearch;
  /** The tools picker: every source and its tools, and whether the chat's model is sent any. */
  tools: ToolsView;
}

export const initialState: ChatState = {
  ready: false,
  conversationId: '',
  title: '',
  messages: [],
  model: '',
  models: [],
  history: [],
  totals: {},
  draft: { text: '', attachments: [] },
  lastSeq: {},
  modelSettings: { chosen: {}, effective: {}, reasoningSupported: false },
  instructions: { filesEnabled: true, files: [], capBytes: 0 },
  compactions: [],
  search: { query: '' },
  tools: noTools,
  historyRequests: 0,
};

/** Applies one host message. Unknown messages leave the state as it was. */
export function reduce(state: ChatState, message: ToWebview): ChatState {
  switch (message.type) {
    case 'state/snapshot':
      return fromSnapshot(state, message.snapshot);
    case 'chat/appended':
      return appended(state, message.message);
    case 'chat/delta':
      return withDelta(state, message);
    case 'chat/done':
    case 'chat/error':
      return finished(state, message.requestId, message.message, message.totals);
    case 'chat/truncated':
      return truncated(state, message.fromMessageId);
    case 'models/list':
      return { ...state, models: message.models, model: message.current };
    case 'history/list':
      return { ...state, history: message.conversations };
    case 'draft/set':
      return {
        ...state,
        // A draft without text (a selection attached) keeps what the user already typed.
        draft: { text: message.draft.text ?? state.draft.text, attachments: message.draft.attachments },
      };
    case 'banner/set':
      return { ...state, banner: message.banner };
    case 'review/set':
      return { ...state, review: message.review };
    case 'view/showHistory':
      return { ...state, historyRequests: state.historyRequests + 1 };
    case 'notice':
      return { ...state, notice: { message: message.message, serial: (state.notice?.serial ?? 0) + 1 } };
    case 'modelSettings/set':
      return { ...state, modelSettings: message.modelSettings };
    case 'instructions/list':
      return { ...state, instructions: message.instructions };
    case 'context/gauge':
      return { ...state, gauge: message.gauge };
    case 'chat/compacted':
      return { ...state, compactions: message.compactions };
    case 'conversation/title':
      return retitled(state, message.conversationId, message.title);
    case 'chat/tool':
      return toolChanged(state, message.messageId, message.call);
    case 'tools/list':
      return { ...state, tools: message.tools };
    case 'history/results':
      // Results of an older query (the user typed on) are never shown: only the box's own query's.
      return message.query === state.search.query ? { ...state, search: { query: message.query, results: message.conversations } } : state;
    default:
      return state;
  }
}

function fromSnapshot(state: ChatState, snapshot: ChatSnapshot): ChatState {
  const streaming = snapshot.streaming;
  return {
    ...state,
    ready: true,
    conversationId: snapshot.conversationId,
    title: snapshot.title,
    messages: snapshot.messages,
    active: streaming === undefined ? undefined : { requestId: streaming.requestId, messageId: streaming.messageId },
    model: snapshot.model,
    models: snapshot.models,
    history: snapshot.history,
    banner: snapshot.banner,
    review: snapshot.review,
    totals: snapshot.totals,
    draft: {
      text: snapshot.draft?.text ?? state.draft.text,
      attachments: snapshot.draft?.attachments ?? [],
    },
    // The snapshot holds the streamed text so far; later deltas continue from it.
    lastSeq: {},
    modelSettings: snapshot.modelSettings,
    instructions: snapshot.instructions,
    gauge: snapshot.gauge,
    compactions: snapshot.compactions,
    tools: snapshot.tools,
  };
}

/** One tool call changed: only its message (and the list or round holding it) gets a new object. */
function toolChanged(state: ChatState, messageId: string, call: ToolCallView): ChatState {
  const index = state.messages.findIndex((candidate) => candidate.id === messageId);
  const target = state.messages[index];
  if (target === undefined) {
    return state;
  }
  const updated = withToolCall(target, call);
  return updated === target ? state : { ...state, messages: replaceAt(state.messages, index, updated) };
}

/** A new title for a conversation: shown when it is the current one, and in its history entry. */
function retitled(state: ChatState, conversationId: string, title: string): ChatState {
  const index = state.history.findIndex((entry) => entry.id === conversationId);
  const entry = state.history[index];
  const history = entry === undefined || entry.title === title ? state.history : replaceAt(state.history, index, { ...entry, title });
  const current = conversationId === state.conversationId && title !== state.title;
  if (!current && history === state.history) {
    return state;
  }
  return { ...state, title: current ? title : state.title, history };
}

function appended(state: ChatState, message: ChatMessageView): ChatState {
  const index = state.messages.findIndex((candidate) => candidate.id === message.id);
  // The same id again replaces the message (an edited user message); a new id is added at the end.
  const messages = index === -1 ? [...state.messages, message] : replaceAt(state.messages, index, message);
  const active = message.role === 'assistant' && message.status === 'streaming' ? { ...state.active, messageId: message.id } : state.active;
  return { ...state, messages, active };
}

function withDelta(state: ChatState, delta: Extract<ToWebview, { type: 'chat/delta' }>): ChatState {
  // Own entries only: a request id is text the view chose (`constructor` is a valid one), not a key of Object's.
  const last = Object.hasOwn(state.lastSeq, delta.requestId) ? state.lastSeq[delta.requestId] : undefined;
  if (last !== undefined && delta.seq <= last) {
    return state;
  }
  const index = state.messages.findIndex((candidate) => candidate.id === delta.messageId);
  const target = state.messages[index];
  if (target === undefined) {
    return state;
  }
  const updated: ChatMessageView = {
    ...target,
    status: 'streaming',
    content: delta.content === undefined ? target.content : target.content + delta.content,
    reasoning: delta.reasoning === undefined ? target.reasoning : (target.reasoning ?? '') + delta.reasoning,
    // The host sends tool calls whole (their fragments joined by the core): they replace, never merge.
    toolCalls: delta.toolCalls ?? target.toolCalls,
  };
  return {
    ...state,
    messages: replaceAt(state.messages, index, updated),
    active: { requestId: delta.requestId, messageId: delta.messageId },
    lastSeq: { ...state.lastSeq, [delta.requestId]: delta.seq },
  };
}

function finished(state: ChatState, requestId: string, message: ChatMessageView, totals: UsageView): ChatState {
  const index = state.messages.findIndex((candidate) => candidate.id === message.id);
  const messages = index === -1 ? [...state.messages, message] : replaceAt(state.messages, index, message);
  const { [requestId]: _done, ...lastSeq } = state.lastSeq;
  const endsActive = state.active === undefined || state.active.requestId === requestId || state.active.messageId === message.id;
  return {
    ...state,
    messages,
    totals,
    active: endsActive ? undefined : state.active,
    lastSeq,
    announcement: { messageId: message.id, serial: (state.announcement?.serial ?? 0) + 1 },
  };
}

function truncated(state: ChatState, fromMessageId: string): ChatState {
  const index = state.messages.findIndex((candidate) => candidate.id === fromMessageId);
  return index === -1 ? state : { ...state, messages: state.messages.slice(0, index) };
}

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  const copy = items.slice();
  copy[index] = item;
  return copy;
}

// ---------------------------------------------------------------------------------------------
// What the user does in the webview itself (pure as well; the host hears of it separately).
// ---------------------------------------------------------------------------------------------

/** The user sent a message: the composer empties and the request counts as running until it ends. */
export function sent(state: ChatState, requestId: string): ChatState {
  return { ...state, draft: { text: '', attachments: [] }, active: { requestId } };
}

/** The user pressed Stop: the Stop button goes even if the host never answers the request. */
export function stopped(state: ChatState): ChatState {
  return { ...state, active: undefined };
}

/** The user asked to answer again (regenerate, edit): a request is running. */
export function requested(state: ChatState, requestId: string): ChatState {
  return { ...state, active: { requestId } };
}

export function withDraftText(state: ChatState, text: string): ChatState {
  return text === state.draft.text ? state : { ...state, draft: { ...state.draft, text } };
}

export function withAttachments(state: ChatState, attachments: readonly Attachment[]): ChatState {
  return { ...state, draft: { ...state.draft, attachments } };
}

/**
 * The user typed in the history search: results of another query are no longer shown, and the
 * answer to this one (which the host is asked for separately) will be.
 */
export function searching(state: ChatState, query: string): ChatState {
  return query === state.search.query ? state : { ...state, search: { query } };
}

/** True while an answer is being produced: Stop shows instead of Send. */
export function isBusy(state: ChatState): boolean {
  return state.active !== undefined;
}
