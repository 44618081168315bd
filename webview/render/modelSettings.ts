/**
 * Model Settings: a button beside the model picker opening a small panel (a non-modal dialog) with
 * the chat's reasoning level (only for a model that reasons), temperature and maximum output
 * tokens, and Reset. Each change posts `modelSettings/set` with the whole choice; a field the user
 * left invalid is marked in place with its message, and nothing is posted until it is fixed. The
 * header shows the chat's own choices in a short line ("Reasoning high · Temperature 0.2 · Max 4k").
 */

import { reasoningLevels, type ModelSettings, type ModelSettingsView, type ReasoningLevel } from '../../src/protocol/requestViews';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import { maxTokensLimit, readMaxTokens, readTemperature, settingsKey, type FieldReading } from '../modelSettingsInput';
import { h, show, textButton } from './dom';
import { formatCompact, formatCount } from './usage';

const panelId = 'model-settings';

/** One number field: its box, its hint and the message shown while its text is refused. */
interface NumberField {
  input: HTMLInputElement;
  hint: HTMLElement;
  error: HTMLElement;
  element: HTMLElement;
}

export class ModelSettingsPanel {
  readonly button: HTMLElement;
  readonly element: HTMLElement;
  readonly summary: HTMLElement;
  private readonly reasoning: HTMLElement;
  private readonly radios: Map<string, HTMLInputElement>;
  private readonly noReasoning: HTMLElement;
  private readonly temperature: NumberField;
  private readonly maxTokens: NumberField;
  private view: ModelSettingsView | undefined;
  /** The settings the host last showed or the view last posted: a commit equal to them posts nothing. */
  private current = '';

  constructor(private readonly commands: ChatCommands) {
    this.button = h('vscode-button', {
      icon: 'settings',
      'icon-only': true,
      secondary: true,
      'aria-label': t('modelSettings'),
      title: t('modelSettings'),
      'aria-haspopup': 'dialog',
      'aria-expanded': 'false',
      'aria-controls': panelId,
    });
    this.button.addEventListener('click', () => this.setOpen(this.element.hidden));
    this.radios = new Map(
      ['', ...reasoningLevels].map((level) => [level, h('input', { type: 'radio', name: 'reasoning', value: level })]),
    );
    this.reasoning = h(
      'fieldset',
      { class: 'reasoning-choice' },
      h('legend', {}, t('reasoning')),
      ...Array.from(this.radios, ([level, radio]) => h('label', { class: 'radio' }, radio, level === '' ? t('reasoningDefault') : t(`reasoning_${level as ReasoningLevel}`))),
    );
    this.noReasoning = h('p', { class: 'setting-hint' }, t('reasoningUnsupported'));
    this.temperature = numberField('temperature', t('temperature'), { min: '0', max: '2', step: '0.1', inputmode: 'decimal' }, t('temperatureHint'), t('temperatureInvalid'));
    this.maxTokens = numberField('max-tokens', t('maxTokens'), { min: '1', step: '1', inputmode: 'numeric' }, '', '');
    const reset = textButton(t('resetModelSettings'), 'reset-model-settings', { secondary: true });
    reset.addEventListener('click', () => this.reset());
    this.element = h(
      'div',
      { class: 'model-settings', id: panelId, role: 'dialog', 'aria-label': t('modelSettings'), hidden: true },
      this.reasoning,
      this.noReasoning,
      this.temperature.element,
      this.maxTokens.element,
      h('div', { class: 'action-row' }, reset),
    );
    this.summary = h('span', { class: 'model-settings-summary' });
    this.reasoning.addEventListener('change', () => this.commit());
    for (const field of [this.temperature, this.maxTokens]) {
      field.input.addEventListener('change', () => this.commit());
      field.input.addEventListener('input', () => {
        // A refused field stops saying so as soon as it reads well again.
        if (!field.error.hidden && this.reading(field).ok) {
          markRefused(field, false);
        }
      });
      field.input.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          this.commit();
        }
      });
    }
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        // Closes the panel only: it must not also stop a running answer.
        event.preventDefault();
        event.stopPropagation();
        this.setOpen(false);
        this.button.focus();
      }
    });
  }

  render(view: ModelSettingsView): void {
    if (view === this.view) {
      return;
    }
    this.view = view;
    this.current = settingsKey(view.chosen);
    const { chosen, effective } = view;
    show(this.reasoning, view.reasoningSupported);
    show(this.noReasoning, !view.reasoningSupported);
    for (const [level, radio] of this.radios) {
      radio.checked = level === (chosen.reasoning ?? '');
    }
    const limit = maxTokensLimit(view.maxOutputTokens);
    this.maxTokens.input.max = String(limit);
    this.maxTokens.hint.textContent = view.maxOutputTokens === undefined ? t('maxTokensHintUnknown') : t('maxTokensHint', { max: formatCount(limit) });
    fill(this.temperature, chosen.temperature, effective.temperature, String);
    fill(this.maxTokens, chosen.maxTokens, effective.maxTokens, formatCount);
    this.summary.textContent = settingsSummary(view);
    show(this.summary, this.summary.textContent !== '');
  }

  private setOpen(open: boolean): void {
    show(this.element, open);
    this.button.setAttribute('aria-expanded', String(open));
    if (open) {
      const first = this.view?.reasoningSupported === true ? Array.from(this.radios.values()).find((radio) => radio.checked) : this.temperature.input;
      first?.focus();
    }
  }

  private reading(field: NumberField): FieldReading<number> {
    const unreadable = field.input.validity.badInput;
    return field === this.temperature
      ? readTemperature(field.input.value, unreadable)
      : readMaxTokens(field.input.value, this.view?.maxOutputTokens, unreadable);
  }

  /** Posts the whole choice, when every field reads well and it differs from what is in place. */
  private commit(): void {
    const temperature = this.reading(this.temperature);
    const maxTokens = this.reading(this.maxTokens);
    markRefused(this.temperature, !temperature.ok);
    markRefused(this.maxTokens, !maxTokens.ok);
    this.maxTokens.error.textContent = t('maxTokensInvalid', { max: formatCount(maxTokensLimit(this.view?.maxOutputTokens)) });
    if (!temperature.ok || !maxTokens.ok) {
      return;
    }
    const settings: ModelSettings = {};
    // A model that does not reason shows no choice: the chat's earlier one is kept for the next model.
    const level = this.view?.reasoningSupported === true ? Array.from(this.radios).find(([, radio]) => radio.checked)?.[0] : this.view?.chosen.reasoning;
    if (level !== undefined && level !== '') {
      settings.reasoning = level as ReasoningLevel;
    }
    if (temperature.value !== undefined) {
      settings.temperature = temperature.value;
    }
    if (maxTokens.value !== undefined) {
      settings.maxTokens = maxTokens.value;
    }
    this.post(settings);
  }

  private reset(): void {
    for (const field of [this.temperature, this.maxTokens]) {
      field.input.value = '';
      markRefused(field, false);
    }
    for (const [level, radio] of this.radios) {
      radio.checked = level === '';
    }
    this.post({});
  }

  private post(settings: ModelSettings): void {
    const key = settingsKey(settings);
    if (key !== this.current) {
      this.current = key;
      this.commands.post({ type: 'modelSettings/set', settings });
    }
  }
}

/** The chat's own choices in a few words ("Reasoning high · Temperature 0.2 · Max 4k"); '' when all are the defaults. */
export function settingsSummary(view: ModelSettingsView): string {
  const { chosen, effective } = view;
  const parts: string[] = [];
  const reasoning = effective.reasoning ?? chosen.reasoning;
  if (chosen.reasoning !== undefined && view.reasoningSupported && reasoning !== undefined) {
    parts.push(t('summaryReasoning', { level: t(`reasoning_${reasoning}`).toLowerCase() }));
  }
  const temperature = effective.temperature ?? chosen.temperature;
  if (chosen.temperature !== undefined && temperature !== undefined) {
    parts.push(t('summaryTemperature', { value: String(temperature) }));
  }
  const maxTokens = effective.maxTokens ?? chosen.maxTokens;
  if (chosen.maxTokens !== undefined && maxTokens !== undefined) {
    parts.push(t('summaryMaxTokens', { count: formatCompact(maxTokens) }));
  }
  return parts.join(' · ');
}

function numberField(id: string, label: string, limits: Record<string, string>, hintText: string, errorText: string): NumberField {
  const input = h('input', { type: 'number', class: 'setting-input', id: `${id}-input`, 'aria-describedby': `${id}-hint ${id}-error`, ...limits });
  const hint = h('p', { class: 'setting-hint', id: `${id}-hint` }, hintText);
  const error = h('p', { class: 'setting-error', id: `${id}-error`, role: 'alert', hidden: true }, errorText);
  const element = h('div', { class: 'setting' }, h('label', { class: 'setting-label', for: `${id}-input` }, label), input, hint, error);
  return { input, hint, error, element };
}

function markRefused(field: NumberField, refused: boolean): void {
  if (refused) {
    field.input.setAttribute('aria-invalid', 'true');
  } else {
    field.input.removeAttribute('aria-invalid');
  }
  show(field.error, refused);
}

/**
 * Shows the chat's value, or empty with the default as placeholder ("Default (0.7)"). The field the
 * user is typing in keeps their text: a view arriving meanwhile must not undo it.
 */
function fill(field: NumberField, chosen: number | undefined, effective: number | undefined, format: (value: number) => string): void {
  field.input.placeholder = chosen === undefined && effective !== undefined ? t('defaultValue', { value: format(effective) }) : t('modelDefault');
  if (document.activeElement !== field.input) {
    field.input.value = chosen === undefined ? '' : String(chosen);
    markRefused(field, false);
  }
}
