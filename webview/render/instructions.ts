/**
 * The instructions the next request carries, as one compact line ("Your instructions + 2
 * instruction files") that discloses the list: each file's path (a button that opens it), a
 * checkbox named by the path to switch it off for this chat, its tokens, whether it was cut at the
 * cap, and how far files are read. Nothing shows while there are no instructions at all.
 */

import type { InstructionFileView, InstructionsView } from '../../src/protocol/requestViews';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import { codicon, h, show } from './dom';
import { formatTokens } from './usage';

const listId = 'instructions-list';
const filesSetting = 'switchboard.chat.useInstructionFiles';
const textSetting = 'switchboard.chat.instructions';

export class InstructionsLine {
  readonly element: HTMLElement;
  private readonly toggle: HTMLButtonElement;
  private readonly label: HTMLElement;
  private readonly details: HTMLElement;
  private shown: InstructionsView | undefined;

  constructor(private readonly commands: ChatCommands) {
    this.label = h('span', { class: 'instructions-label' });
    this.toggle = h('button', { type: 'button', class: 'instructions-toggle', 'aria-expanded': 'false', 'aria-controls': listId }, codicon('book'), this.label);
    this.details = h('div', { class: 'instructions-details', id: listId, hidden: true });
    this.element = h('div', { class: 'instructions', hidden: true }, this.toggle, this.details);
    this.toggle.addEventListener('click', () => {
      const open = this.details.hidden;
      show(this.details, open);
      this.toggle.setAttribute('aria-expanded', String(open));
    });
    this.details.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-action="open-instruction"]') : null;
      const path = button?.closest('[data-path]')?.getAttribute('data-path');
      if (path !== null && path !== undefined) {
        this.commands.post({ type: 'instructions/open', path });
      }
    });
    this.details.addEventListener('change', (event) => {
      const box = event.target instanceof HTMLInputElement ? event.target : undefined;
      const path = box?.closest('[data-path]')?.getAttribute('data-path');
      if (box !== undefined && path !== null && path !== undefined) {
        this.commands.post({ type: 'instructions/toggle', path, enabled: box.checked });
      }
    });
  }

  render(view: InstructionsView): void {
    if (view === this.shown) {
      return;
    }
    this.shown = view;
    const files = view.files;
    show(this.element, files.length > 0 || view.settingTokens !== undefined);
    this.label.textContent = summaryText(view);
    const capKilobytes = Math.floor(view.capBytes / 1024);
    const focusedPath = document.activeElement?.closest('[data-path]')?.getAttribute('data-path');
    const focusedAction = document.activeElement instanceof HTMLInputElement ? 'checkbox' : 'open';
    this.details.replaceChildren(
      ...(view.settingTokens === undefined ? [] : [h('p', { class: 'instructions-note' }, t('instructionsSetting', { setting: textSetting, tokens: formatTokens(view.settingTokens) }))]),
      ...(files.length === 0 ? [] : [h('ul', { class: 'instructions-files' }, ...files.map((file) => fileRow(file, capKilobytes)))]),
      view.filesEnabled ? h('p', { class: 'instructions-note' }, t('instructionsCap', { size: capKilobytes })) : h('p', { class: 'instructions-note' }, t('instructionFilesOff', { setting: filesSetting })),
    );
    // A toggle redraws the list: focus goes back to the same control of the same file.
    if (focusedPath !== null && focusedPath !== undefined) {
      const row = Array.from(this.details.querySelectorAll<HTMLElement>('[data-path]')).find((element) => element.getAttribute('data-path') === focusedPath);
      row?.querySelector<HTMLElement>(focusedAction === 'checkbox' ? 'input' : 'button')?.focus();
    }
  }
}

function summaryText(view: InstructionsView): string {
  const count = view.files.length;
  const files = count === 1 ? t('instructionFilesOne') : t('instructionFiles', { count });
  if (view.settingTokens === undefined) {
    return files;
  }
  return count === 0 ? t('yourInstructions') : t('yourInstructionsAnd', { files });
}

function fileRow(file: InstructionFileView, capKilobytes: number): HTMLElement {
  const box = h('input', { type: 'checkbox', class: 'instruction-enabled', 'aria-label': file.path });
  box.checked = file.enabled;
  return h(
    'li',
    { class: 'instruction-file', 'data-path': file.path, 'data-enabled': String(file.enabled) },
    box,
    h('button', { type: 'button', class: 'instruction-path', 'data-action': 'open-instruction', title: file.path }, file.path),
    h('span', { class: 'instruction-meta' }, [formatTokens(file.tokens), file.truncated ? t('instructionCut', { size: capKilobytes }) : ''].filter((part) => part !== '').join(' · ')),
  );
}
