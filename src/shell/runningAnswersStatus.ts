/**
 * How many answers are running, in every chat of the window: a status-bar item while any runs
 * (a click shows the chat), the `switchboard.answering` context key while the chat in use has one
 * (it scopes Stop's keybinding), and the sidebar's badge.
 */

import * as vscode from 'vscode';
import { Disposable } from './lifecycle';

export const answeringContextKey = 'switchboard.answering';

/** "1 answer running", "3 answers running". */
export function runningLabel(count: number): string {
  return count === 1 ? vscode.l10n.t('1 answer running') : vscode.l10n.t('{0} answers running', count);
}

export interface RunningAnswersSource {
  /** Answers running in all chats. */
  readonly running: number;
  /** True while the chat in use has an answer running. */
  activeAnswering(): boolean;
  onDidChangeRunning(listener: () => void): { dispose(): void };
}

export class RunningAnswersStatus extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private answering: boolean | undefined;

  constructor(
    private readonly source: RunningAnswersSource,
    showCommand: string,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('switchboard.answers', vscode.StatusBarAlignment.Right, 99));
    this.item.name = vscode.l10n.t('Switchboard Answers');
    this.item.command = showCommand;
    this._register(source.onDidChangeRunning(() => this.update()));
    this.update();
  }

  /** Counts again (the chat in use changed, or an answer started or ended). */
  update(): void {
    const count = this.source.running;
    if (count === 0) {
      this.item.hide();
    } else {
      const label = runningLabel(count);
      this.item.text = `$(loading~spin) ${count}`;
      this.item.tooltip = vscode.l10n.t('Switchboard: {0}. Click to show the chat.', label);
      this.item.accessibilityInformation = { label: vscode.l10n.t('Switchboard: {0}', label), role: 'button' };
      this.item.show();
    }
    const answering = this.source.activeAnswering();
    if (answering !== this.answering) {
      this.answering = answering;
      void vscode.commands.executeCommand('setContext', answeringContextKey, answering);
    }
  }
}
