/**
 * The status-bar item that shows the chat's model; a click opens "Select Model".
 */

import * as vscode from 'vscode';
import type { Event } from './event';
import { Disposable } from './lifecycle';

export interface StatusBarModels {
  current(): string;
  readonly onDidChange: Event<void>;
}

export class ModelStatusBar extends Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor(
    private readonly models: StatusBarModels,
    selectModelCommand: string,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem('switchboard.model', vscode.StatusBarAlignment.Right, 100));
    this.item.name = vscode.l10n.t('Switchboard Model');
    this.item.command = selectModelCommand;
    this._register(models.onDidChange(() => this.update()));
    this.update();
    this.item.show();
  }

  private update(): void {
    const model = this.models.current();
    this.item.text = `$(hubot) ${model}`;
    this.item.tooltip = vscode.l10n.t('Switchboard chat model: {0}. Click to select another.', model);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Switchboard chat model {0}', model), role: 'button' };
  }
}
