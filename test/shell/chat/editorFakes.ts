/**
 * VS Code's editor as the chat's code and link buttons see it (`EditorPort`), in memory: what
 * was copied, inserted, opened and asked is recorded, and the test says whether an editor is open,
 * which languages VS Code knows and what the user answers a modal question. Behind it, the real
 * router and the real `CodeActions`, as the extension wires them.
 */

import type { ChatController } from '../../../src/shell/chat/controller';
import { CodeActions } from '../../../src/shell/chat/codeActions';
import { formatMessage } from '../../../src/shell/chat/localize';
import type { ChatLog, EditorPort } from '../../../src/shell/chat/ports';
import type { WebviewRouter } from '../../../src/shell/chat/webviewRouter';
import { routerFor } from '../../helpers/chatHarness';

export type EditorCall =
  | ['writeClipboard', string]
  | ['insert', string]
  | ['openUntitled', string, string]
  | ['openExternal', string]
  | ['warn', string]
  | ['confirm', string, string];

export class RecordingEditor implements EditorPort {
  readonly calls: EditorCall[] = [];
  /** Whether an editor is open for Insert. */
  editorOpen = true;
  /** What the user picks in a modal question: the action (true) or Cancel (false). */
  confirms = false;
  /** The language ids VS Code knows here. */
  known = ['plaintext', 'typescript', 'python', 'shellscript', 'markdown'];

  async writeClipboard(text: string): Promise<void> {
    this.calls.push(['writeClipboard', text]);
  }
  hasTargetEditor(): boolean {
    return this.editorOpen;
  }
  async insert(text: string): Promise<boolean> {
    this.calls.push(['insert', text]);
    return true;
  }
  async languages(): Promise<string[]> {
    return [...this.known];
  }
  async openUntitled(content: string, language: string): Promise<void> {
    this.calls.push(['openUntitled', content, language]);
  }
  async openExternal(link: string): Promise<void> {
    this.calls.push(['openExternal', link]);
  }
  async warn(message: string): Promise<void> {
    this.calls.push(['warn', message]);
  }
  async confirm(message: string, action: string): Promise<boolean> {
    this.calls.push(['confirm', message, action]);
    return this.confirms;
  }

  /** The calls of one kind, without the kind. */
  of<K extends EditorCall[0]>(kind: K): unknown[][] {
    return this.calls.filter((call) => call[0] === kind).map((call) => call.slice(1));
  }
}

/**
 * The router the extension puts in front of the controller, with the code and link buttons on the
 * real `CodeActions` over `editor`, and the shell's other services doing nothing.
 */
export function routerWithEditor(controller: ChatController, editor: EditorPort, log: ChatLog): WebviewRouter {
  const code = new CodeActions({ editor, log, localize: formatMessage, notice: (message) => controller.notice(message) });
  return routerFor(controller, log, {
    copyCode: (text) => code.copyCode(text),
    insertCode: (text) => code.insertCode(text),
    openCodeInNewFile: (text, language) => code.openCodeInNewFile(text, language),
    openLink: (href) => code.openLink(href),
  });
}
