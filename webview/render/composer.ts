/**
 * The composer: the message box (a native textarea named "Message", styled with the theme's input
 * colours, since vscode-elements' textarea keeps its box inside a shadow root where the page's
 * accessible name does not reach), Send, or Stop while an answer runs, Add Context (the button, or
 * `#` in the message box: contextMenu.ts), the tools picker (toolsPicker.ts), the draft's
 * attachments, and images pasted or dropped as `data:` URLs. Enter sends, Shift+Enter adds a line.
 */

import { attachmentBudget, attachmentBudgetProblem } from '../../src/protocol/attachmentBudget';
import { protocolLimits, type Attachment, type ModelOption } from '../../src/protocol/messages';
import { notAddedNotice } from '../budgetNotice';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import type { ChatState } from '../state';
import { attachmentList, removeAttachmentAction } from './attachments';
import { ContextPicker } from './contextMenu';
import { h, show } from './dom';
import { ToolsPicker } from './toolsPicker';

const acceptedImages = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export class Composer {
  readonly element: HTMLElement;
  readonly textarea: HTMLTextAreaElement;
  private readonly send: HTMLElement;
  private readonly stop: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly chips: HTMLElement;
  private readonly visionWarning: HTMLElement;
  private readonly tools: ToolsPicker;
  private attachments: readonly Attachment[] = [];
  private pastedImages = 0;
  private shown: { attachments?: readonly Attachment[]; busy?: boolean; model?: string; models?: readonly ModelOption[] } = {};

  constructor(
    private readonly commands: ChatCommands,
    private readonly notify: (message: string) => void,
  ) {
    this.textarea = h('textarea', { class: 'message-input', 'aria-label': t('message'), placeholder: t('messagePlaceholder'), rows: '3' });
    this.send = h('vscode-button', { icon: 'send', title: t('send') }, t('send'));
    this.stop = h('vscode-button', { icon: 'debug-stop', secondary: true, title: `${t('stop')} (Escape)`, hidden: true }, t('stop'));
    const picker = new ContextPicker(this.textarea, (kind, text) => {
      if (text !== undefined) {
        commands.typed(text);
      }
      commands.post({ type: 'context/add', kind });
    });
    this.progress = h('vscode-progress-bar', { class: 'answer-progress', 'aria-label': t('streaming'), hidden: true });
    this.chips = h('div', { class: 'draft-attachments' });
    this.visionWarning = h('p', { class: 'vision-warning', hidden: true });
    this.tools = new ToolsPicker(commands);
    this.element = h(
      'footer',
      { class: 'composer' },
      this.progress,
      this.chips,
      this.visionWarning,
      this.tools.element,
      h('div', { class: 'message-box' }, picker.list, this.textarea),
      h('div', { class: 'composer-actions' }, picker.button, this.tools.button, h('span', { class: 'spacer' }), this.stop, this.send),
    );

    this.textarea.addEventListener('input', () => commands.typed(this.textarea.value));
    this.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        commands.send();
      }
    });
    this.textarea.addEventListener('paste', (event) => this.takeImages(event.clipboardData, event));
    this.element.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files') === true) {
        event.preventDefault();
      }
    });
    this.element.addEventListener('drop', (event) => this.takeImages(event.dataTransfer, event));
    this.send.addEventListener('click', () => commands.send());
    this.stop.addEventListener('click', () => commands.stop());
    this.chips.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest(`[data-action="${removeAttachmentAction}"]`) : null;
      const index = Number(button?.getAttribute('data-index'));
      if (button !== null && Number.isInteger(index)) {
        commands.setAttachments(this.attachments.filter((_, position) => position !== index));
        this.textarea.focus();
      }
    });
  }

  render(state: ChatState, busy: boolean): void {
    this.tools.render(state.tools);
    const { text, attachments } = state.draft;
    // Compared with the box itself, not with the text drawn last: typing changes the box without a
    // draw, so text typed and sent within one frame would otherwise stay in the box after sending.
    if (this.textarea.value !== text) {
      this.textarea.value = text;
    }
    const attachmentsChanged = attachments !== this.shown.attachments;
    if (attachmentsChanged) {
      this.shown.attachments = attachments;
      this.attachments = attachments;
      this.chips.replaceChildren(attachmentList(attachments, true));
      show(this.chips, attachments.length > 0);
    }
    if (busy !== this.shown.busy) {
      this.shown.busy = busy;
      show(this.send, !busy);
      show(this.stop, busy);
      show(this.progress, busy);
    }
    if (attachmentsChanged || state.model !== this.shown.model || state.models !== this.shown.models) {
      this.shown.model = state.model;
      this.shown.models = state.models;
      this.showVisionWarning(state);
    }
    this.send.toggleAttribute('disabled', text.trim() === '' && attachments.length === 0);
  }

  focus(): void {
    this.textarea.focus();
  }

  private showVisionWarning(state: ChatState): void {
    const hasImage = state.draft.attachments.some((attachment) => attachment.kind === 'image');
    const model = state.models.find((option) => option.id === state.model);
    const warn = hasImage && model?.supportsVision !== true;
    this.visionWarning.textContent = warn ? t('visionWarning', { model: model?.label ?? state.model }) : '';
    show(this.visionWarning, warn);
  }

  /** Images from a paste or a drop become `data:` URLs in the draft; other content is left to the browser. */
  private takeImages(data: DataTransfer | null, event: Event): void {
    const files = Array.from(data?.files ?? []).filter((file) => acceptedImages.has(file.type));
    if (files.length === 0) {
      if (event.type === 'drop') {
        event.preventDefault();
      }
      return;
    }
    event.preventDefault();
    if (this.attachments.length >= attachmentBudget.count) {
      // Said before the files are read: reading megabytes of images only to refuse them would waste the wait.
      this.notify(notAddedNotice({ reason: 'tooMany', count: this.attachments.length + files.length }, files[0]?.name ?? ''));
      return;
    }
    void Promise.all(files.map((file) => this.readImage(file))).then((images) => {
      const added = images.filter((image): image is Attachment => image !== undefined);
      const kept = this.withinBudget(added);
      if (kept.length > this.attachments.length) {
        this.commands.setAttachments(kept);
      }
    });
  }

  /**
   * The draft's attachments with as many of `added` as fit the budget (the host refuses a message
   * past it); the first that does not fit is named in a notice and it and the rest are left out.
   */
  private withinBudget(added: readonly Attachment[]): Attachment[] {
    const kept = [...this.attachments];
    for (const attachment of added) {
      const problem = attachmentBudgetProblem([...kept, attachment]);
      if (problem !== undefined) {
        this.notify(notAddedNotice(problem, attachment.name));
        break;
      }
      kept.push(attachment);
    }
    return kept;
  }

  private readImage(file: File): Promise<Attachment | undefined> {
    const name = file.name !== '' && file.name !== 'image.png' ? file.name : t('pastedImage', { n: ++this.pastedImages });
    return new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => {
        const dataUrl = typeof reader.result === 'string' ? reader.result : '';
        if (dataUrl.length > protocolLimits.dataUrlLength) {
          this.notify(t('imageTooLarge', { name }));
          resolve(undefined);
        } else {
          resolve({ kind: 'image', name, dataUrl });
        }
      };
      reader.onerror = () => resolve(undefined);
      reader.readAsDataURL(file);
    });
  }
}
