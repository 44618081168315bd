/**
 * The chat's header: the model picker (a vscode-elements combobox, so a long list can be filtered
 * by typing) with its Model Settings, the History and New chat buttons, the conversation's title,
 * then a line with the context gauge, the chat's settings in short and the conversation's tokens
 * and cost, and the instructions in use.
 */

import type { ModelOption, UsageView } from '../../src/protocol/messages';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import type { ChatState } from '../state';
import { ContextGauge } from './contextGauge';
import { h } from './dom';
import { InstructionsLine } from './instructions';
import { ModelSettingsPanel } from './modelSettings';
import { formatUsage } from './usage';

/**
 * The picker's last entry opens Add Provider instead of choosing a model. Its value is never a
 * model id (no model id starts with a space), so the change handler tells it from a model.
 */
const addProviderValue = ' add-provider';

export class Header {
  readonly element: HTMLElement;
  readonly historyButton: HTMLElement;
  private readonly picker: HTMLElementTagNameMap['vscode-single-select'];
  private readonly totals: HTMLElement;
  private readonly title: HTMLElement;
  private readonly settings: ModelSettingsPanel;
  private readonly gauge = new ContextGauge();
  private readonly instructions: InstructionsLine;
  private shownTitle: string | undefined;
  private models: readonly ModelOption[] | undefined;
  private current: string | undefined;
  private shownTotals: UsageView | undefined;

  constructor(commands: ChatCommands, onToggleHistory: () => void) {
    this.picker = h('vscode-single-select', { class: 'model-picker', label: t('model'), combobox: true, title: t('model') });
    this.picker.addEventListener('change', () => {
      if (this.picker.value === addProviderValue) {
        // Not a model: the model in use stays selected, and the host opens Add Provider.
        this.picker.value = this.current ?? '';
        commands.post({ type: 'action/run', action: 'addProvider' });
        return;
      }
      commands.selectModel(this.picker.value);
    });
    this.historyButton = h('vscode-button', {
      icon: 'history',
      'icon-only': true,
      secondary: true,
      'aria-label': t('history'),
      title: t('history'),
      'aria-expanded': 'false',
      'aria-controls': 'history-panel',
    });
    this.historyButton.addEventListener('click', onToggleHistory);
    const newChat = h('vscode-button', { icon: 'add', 'icon-only': true, secondary: true, 'aria-label': t('newChat'), title: t('newChat') });
    newChat.addEventListener('click', () => commands.newChat());
    this.totals = h('span', { class: 'totals' });
    // The page's one h1: the conversation's title, or the chat's name (for screen readers only) while there is none.
    this.title = h('h1', { class: 'conversation-title visually-hidden' }, t('chatHeading'));
    this.settings = new ModelSettingsPanel(commands);
    this.instructions = new InstructionsLine(commands);
    this.element = h(
      'header',
      { class: 'chat-header' },
      h('div', { class: 'header-row' }, this.picker, this.settings.button, h('div', { class: 'header-actions' }, this.historyButton, newChat)),
      this.settings.element,
      this.title,
      h('div', { class: 'header-info' }, this.gauge.element, this.settings.summary, this.totals),
      this.instructions.element,
    );
  }

  render(state: ChatState): void {
    this.renderModels(state.models, state.model);
    this.renderTotals(state.totals);
    if (state.title !== this.shownTitle) {
      this.shownTitle = state.title;
      const untitled = state.title === '';
      this.title.textContent = untitled ? t('chatHeading') : state.title;
      this.title.title = state.title;
      this.title.classList.toggle('visually-hidden', untitled);
    }
    this.settings.render(state.modelSettings);
    this.gauge.render(state.gauge);
    this.instructions.render(state.instructions);
  }

  private renderModels(models: readonly ModelOption[], current: string): void {
    if (models !== this.models) {
      this.models = models;
      this.current = current;
      // The selection is declared on the option itself: the select reads its options when their
      // slot changes (later, asynchronously), so a `value` set right after replacing them would be
      // looked up among the old ones and then lost.
      const options = models.map((model) =>
        h('vscode-option', { value: model.id, description: model.description, selected: model.id === current }, model.label),
      );
      if (current !== '' && !models.some((model) => model.id === current)) {
        // The model in use is always selectable, even when the list does not offer it (yet).
        options.unshift(h('vscode-option', { value: current, selected: true }, current));
      }
      options.push(h('vscode-option', { value: addProviderValue, class: 'add-provider-option' }, t('addProviderOption')));
      this.picker.replaceChildren(...options);
    } else if (current !== this.current) {
      this.current = current;
      this.picker.value = current;
    }
  }

  private renderTotals(totals: UsageView): void {
    if (totals !== this.shownTotals) {
      this.shownTotals = totals;
      const usage = formatUsage(totals);
      this.totals.textContent = usage === '' ? '' : t('totals', { usage });
    }
  }

  setHistoryOpen(open: boolean): void {
    this.historyButton.setAttribute('aria-expanded', String(open));
  }
}
