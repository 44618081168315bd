/**
 * The host's door for the chat view: every message the webview posts is checked by
 * `parseFromWebview` (the webview renders model output, so it is untrusted); a rejected one is
 * logged at debug and dropped. An accepted one goes to its handler: one per message type, in a map
 * keyed by type as the guards are, so a new message is one guard and one handler and the compiler
 * names a missing one. Chat and history messages go to the chat controller; editor, link, export,
 * context and error-button messages to the shell's services. Nothing a message does can throw out
 * of here: a failure is logged and the host carries on.
 */

import { parseFromWebview } from '../../protocol/guards';
import type { Attachment, ContextKind, DraftView, ErrorAction, FromWebview, FromWebviewType } from '../../protocol/messages';
import type { ModelSettings } from '../../protocol/requestViews';
import type { ToolDecision } from '../../protocol/toolViews';
import { keyOwnerOfModel } from '../commands/keyTargets';
import type { SwitchboardConfig } from '../config';
import { errorText } from '../errorText';
import type { KeyOwner } from '../secrets';
import type { ChatLog, Conversation } from './ports';

/** What the router needs of the chat controller (`ChatController` fits). */
export interface RoutedController {
  ready(): Promise<void>;
  send(requestId: string, text: string, attachments: Attachment[]): Promise<void>;
  cancel(requestId?: string): void;
  regenerate(requestId: string): Promise<void>;
  edit(requestId: string, messageId: string, text: string): Promise<void>;
  newChat(): Promise<void>;
  selectModel(model: string): Promise<void>;
  updateDraft(draft: DraftView): Promise<void>;
  readonly next: {
    addContext(kind: ContextKind): Promise<void>;
    setModelSettings(settings: ModelSettings): Promise<void>;
    toggleInstruction(path: string, enabled: boolean): Promise<void>;
    openInstruction(path: string): Promise<void>;
  };
  conversation(id?: string): Promise<Conversation | undefined>;
  readonly history: {
    open(conversationId: string): Promise<void>;
    rename(conversationId: string, title: string): Promise<void>;
    remove(conversationId: string): Promise<void>;
    search(query: string): Promise<void>;
    /** The history panel opened: search may come next. */
    shown(): void;
  };
  readonly tools: {
    approve(requestId: string, callId: string, decision: ToolDecision): void;
    toggle(sourceId: string, tool: string | undefined, enabled: boolean): Promise<void>;
    revoke(sourceId: string, tool: string): Promise<void>;
    refresh(): Promise<void>;
    continueAnswer(requestId: string, messageId: string): Promise<void>;
  };
}

/** One handler per message the view may send. */
export type WebviewHandlers = { [K in FromWebviewType]: (message: Extract<FromWebview, { type: K }>) => Promise<void> | void };

/** The shell's services behind the messages the controller does not handle. */
export interface ShellActions {
  copyCode(code: string): Promise<void>;
  insertCode(code: string): Promise<void>;
  openCodeInNewFile(code: string, languageId: string | undefined): Promise<void>;
  /** Proposes an answer's code block as a change to the user's files, for review in the diff editor. */
  applyCode(messageId: string, code: string): Promise<void>;
  /** Proposes every block of an answer that names its file, for review file by file. */
  applyAllCode(messageId: string): Promise<void>;
  /** Accept or Reject the proposed change under review. */
  decideProposal(decision: 'accept' | 'reject'): Promise<void>;
  /** Opens an http(s) or mailto link; refuses anything else. */
  openLink(href: string): Promise<void>;
  exportConversation(conversationId: string): Promise<void>;
  /** Add Provider (the first-run banner's way to a real model). */
  addProvider(): Promise<void>;
  /** Set API Key, for `owner` when the failing provider is known. */
  setApiKey(owner: KeyOwner | undefined): Promise<void>;
  selectModel(): Promise<void>;
  /** Test Connection, for the failing answer's model when there is one. */
  testConnection(model: string | undefined): Promise<void>;
  showLogs(): Promise<void>;
  openSettings(): Promise<void>;
}

export interface WebviewRouterOptions {
  controller: RoutedController;
  actions: ShellActions;
  log: ChatLog;
  config: () => SwitchboardConfig;
  newId: () => string;
  /**
   * Asks for the chat model's request to be made ready soon (`RequestPreparer.soon`): when the
   * view is ready and when the user starts typing. Schedules only; never waits, never throws.
   */
  prepareRequest: () => void;
}

export class WebviewRouter {
  private readonly handlers: WebviewHandlers;

  constructor(private readonly options: WebviewRouterOptions) {
    const { controller, actions } = options;
    this.handlers = {
      ready: () => {
        options.prepareRequest();
        return controller.ready();
      },
      'chat/composing': () => options.prepareRequest(),
      'chat/send': (message) => controller.send(message.requestId, message.text, message.attachments),
      'chat/cancel': (message) => controller.cancel(message.requestId),
      'chat/regenerate': (message) => controller.regenerate(message.requestId),
      'chat/edit': (message) => controller.edit(message.requestId, message.messageId, message.text),
      'chat/new': () => controller.newChat(),
      'models/select': (message) => controller.selectModel(message.model),
      'draft/update': (message) => controller.updateDraft(message.draft),
      'history/open': (message) => controller.history.open(message.conversationId),
      'history/rename': (message) => controller.history.rename(message.conversationId, message.title),
      'history/delete': (message) => controller.history.remove(message.conversationId),
      'history/export': (message) => actions.exportConversation(message.conversationId),
      'code/copy': (message) => actions.copyCode(message.code),
      'code/insert': (message) => actions.insertCode(message.code),
      'code/newFile': (message) => actions.openCodeInNewFile(message.code, message.languageId),
      'code/apply': (message) => actions.applyCode(message.messageId, message.code),
      'code/applyAll': (message) => actions.applyAllCode(message.messageId),
      'review/decide': (message) => actions.decideProposal(message.decision),
      'link/open': (message) => actions.openLink(message.href),
      'context/add': (message) => controller.next.addContext(message.kind),
      'modelSettings/set': (message) => controller.next.setModelSettings(message.settings),
      'instructions/toggle': (message) => controller.next.toggleInstruction(message.path, message.enabled),
      'instructions/open': (message) => controller.next.openInstruction(message.path),
      'history/search': (message) => controller.history.search(message.query),
      'history/shown': () => controller.history.shown(),
      'action/run': (message) => this.runAction(message.action),
      'tools/approve': (message) => controller.tools.approve(message.requestId, message.callId, message.decision),
      'tools/toggle': (message) => controller.tools.toggle(message.sourceId, message.tool, message.enabled),
      'tools/revoke': (message) => controller.tools.revoke(message.sourceId, message.tool),
      'tools/refresh': () => controller.tools.refresh(),
      'chat/continue': (message) => controller.tools.continueAnswer(message.requestId, message.messageId),
    };
  }

  /** Handles one raw message from the webview; never throws. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseFromWebview(raw);
    if (!parsed.ok) {
      this.options.log.debug(`Dropped a message from the chat view: ${parsed.reason.slice(0, 200)}.`);
      return;
    }
    const message = parsed.message;
    try {
      const handle = this.handlers[message.type] as (message: FromWebview) => Promise<void> | void;
      await handle(message);
    } catch (error) {
      this.options.log.error(`The chat view's '${message.type}' failed: ${errorText(error, 'named')}`);
    }
  }

  /** Runs an error's or a banner's button. `retry` answers the last question again. */
  private async runAction(action: ErrorAction): Promise<void> {
    const { actions, controller } = this.options;
    switch (action) {
      case 'addProvider':
        return actions.addProvider();
      case 'setApiKey':
        return actions.setApiKey(await this.failingKeyOwner());
      case 'selectModel':
        return actions.selectModel();
      case 'testConnection':
        return actions.testConnection(await this.failingModel());
      case 'showLogs':
        return actions.showLogs();
      case 'openSettings':
        return actions.openSettings();
      case 'retry':
        return controller.regenerate(this.options.newId());
    }
  }

  /** The model of the open conversation's last answer, when that answer failed. */
  private async failingModel(): Promise<string | undefined> {
    const conversation = await this.options.controller.conversation();
    const last = [...(conversation?.messages ?? [])].reverse().find((message) => message.role === 'assistant');
    return last?.error === undefined ? undefined : last.model;
  }

  /** The provider (or custom endpoint) of the open conversation's last answer, when that answer failed. */
  private async failingKeyOwner(): Promise<KeyOwner | undefined> {
    const model = await this.failingModel();
    return model === undefined ? undefined : keyOwnerOfModel(this.options.config(), model);
  }
}
