/**
 * The host's door for the chat view: every message the webview posts is checked by
 * `parseFromWebview` (the webview renders model output, so it is untrusted); a rejected one is
 * logged at debug and dropped. Chat messages go to the controller; editor, link, export, context
 * and error-button messages go to the shell's services. Nothing a message does can throw out of
 * here: a failure is logged and the host carries on.
 */

import { parseFromWebview } from '../../protocol/guards';
import type { ErrorAction, FromWebview } from '../../protocol/messages';
import { keyOwnerOfModel } from '../commands/keyTargets';
import type { SwitchboardConfig } from '../config';
import { errorText } from '../errorText';
import type { KeyOwner } from '../secrets';
import type { ChatLog, Conversation } from './ports';

/** What the router needs of the chat controller (`ChatController` fits). */
export interface RoutedController {
  handle(message: FromWebview): Promise<void>;
  conversation(id?: string): Promise<Conversation | undefined>;
}

/** The shell's services behind the messages the controller does not handle. */
export interface ShellActions {
  copyCode(code: string): Promise<void>;
  insertCode(code: string): Promise<void>;
  openCodeInNewFile(code: string, languageId: string | undefined): Promise<void>;
  /** Opens an http(s) or mailto link; refuses anything else. */
  openLink(href: string): Promise<void>;
  exportConversation(conversationId: string): Promise<void>;
  attachActiveFile(): Promise<void>;
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
}

export class WebviewRouter {
  constructor(private readonly options: WebviewRouterOptions) {}

  /** Handles one raw message from the webview; never throws. */
  async receive(raw: unknown): Promise<void> {
    const parsed = parseFromWebview(raw);
    if (!parsed.ok) {
      this.options.log.debug(`Dropped a message from the chat view: ${parsed.reason.slice(0, 200)}.`);
      return;
    }
    try {
      await this.route(parsed.message);
    } catch (error) {
      this.options.log.error(`The chat view's '${parsed.message.type}' failed: ${errorText(error, 'named')}`);
    }
  }

  /** Runs an error's or a banner's button. `retry` answers the last question again. */
  async runAction(action: ErrorAction): Promise<void> {
    const { actions, controller } = this.options;
    switch (action) {
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
        return controller.handle({ type: 'chat/regenerate', requestId: this.options.newId() });
    }
  }

  private async route(message: FromWebview): Promise<void> {
    const { actions, controller } = this.options;
    switch (message.type) {
      case 'code/copy':
        return actions.copyCode(message.code);
      case 'code/insert':
        return actions.insertCode(message.code);
      case 'code/newFile':
        return actions.openCodeInNewFile(message.code, message.languageId);
      case 'link/open':
        return actions.openLink(message.href);
      case 'history/export':
        return actions.exportConversation(message.conversationId);
      case 'context/attachActiveFile':
        return actions.attachActiveFile();
      case 'action/run':
        return this.runAction(message.action);
      case 'ready':
      case 'chat/send':
      case 'chat/cancel':
      case 'chat/regenerate':
      case 'chat/edit':
      case 'chat/new':
      case 'models/select':
      case 'history/open':
      case 'history/rename':
      case 'history/delete':
      case 'draft/update':
        return controller.handle(message);
      default:
        return assertNever(message);
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

function assertNever(message: never): never {
  throw new Error(`Unhandled message ${JSON.stringify(message)}`);
}
