/**
 * The history panel: a search box, then saved conversations, newest first (or the conversations
 * matching the search, each with the excerpt that matched), each with Open, Rename (in place),
 * Export to Markdown and Delete (after a confirmation in place). The host owns the list and
 * searches; this panel only posts `history/*` requests and draws the lists it gets back.
 */

import { protocolLimits, type ConversationSummary } from '../../src/protocol/messages';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import type { HistorySearch } from '../state';
import { h, iconButton, show, textButton } from './dom';

const historyActions = {
  open: 'history-open',
  rename: 'history-rename',
  renameSave: 'history-rename-save',
  renameCancel: 'history-rename-cancel',
  export: 'history-export',
  delete: 'history-delete',
  deleteConfirm: 'history-delete-confirm',
  deleteCancel: 'history-delete-cancel',
} as const;

interface HistoryView {
  history: readonly ConversationSummary[];
  search: HistorySearch;
  currentId: string;
}

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly search: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly empty: HTMLElement;
  /** The rows drawn: the saved list, or a search's results. */
  private conversations: readonly ConversationSummary[] | undefined;
  private drawn: HistoryView | undefined;
  private pending: HistoryView | undefined;
  private dates: Intl.DateTimeFormat | undefined;

  constructor(
    private readonly commands: ChatCommands,
    private readonly onOpened: () => void,
  ) {
    this.search = h('input', {
      type: 'search',
      class: 'history-search',
      'aria-label': t('searchConversations'),
      placeholder: t('searchConversations'),
      maxlength: String(protocolLimits.queryLength),
      'aria-controls': 'history-list',
    });
    this.search.addEventListener('input', () => commands.searchHistory(this.search.value));
    this.search.addEventListener('keydown', (event) => this.onSearchKey(event));
    this.list = h('ul', { class: 'history-list', id: 'history-list' });
    this.empty = h('p', { class: 'history-empty', role: 'status' });
    this.element = h('section', { class: 'history', id: 'history-panel', 'aria-label': t('history'), hidden: true }, this.search, this.list, this.empty);
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    show(this.element, open);
    if (open && this.pending !== undefined) {
      this.render(this.pending.history, this.pending.search, this.pending.currentId);
    }
    if (open) {
      this.search.focus();
      // A search may come next: the host reads the history into its search index meanwhile.
      this.commands.post({ type: 'history/shown' });
    }
  }

  /** Draws the list while the panel is open; a closed panel draws it when it opens. */
  render(history: readonly ConversationSummary[], search: HistorySearch, currentId: string): void {
    const drawn = this.drawn;
    if (drawn !== undefined && history === drawn.history && search === drawn.search && currentId === drawn.currentId) {
      return;
    }
    if (!this.open) {
      this.pending = { history, search, currentId };
      return;
    }
    this.pending = undefined;
    this.drawn = { history, search, currentId };
    const searching = search.query !== '';
    if (!searching && this.search.value.trim() !== '') {
      // The box was emptied elsewhere (Escape): say so in the box too.
      this.search.value = '';
    }
    const conversations = searching ? (search.results ?? []) : history;
    if (conversations !== this.conversations) {
      this.conversations = conversations;
      this.list.replaceChildren(...conversations.map((conversation) => this.row(conversation, conversation.id === currentId)));
    } else {
      for (const item of Array.from(this.list.children)) {
        item.setAttribute('aria-current', String(item.getAttribute('data-conversation') === currentId));
      }
    }
    const emptyText = !searching ? t('historyEmpty') : search.results === undefined ? t('searching') : t('noMatches');
    this.empty.textContent = conversations.length === 0 ? emptyText : '';
    show(this.empty, conversations.length === 0);
  }

  /** Escape empties the search (and stops there); ArrowDown goes to the first conversation. */
  private onSearchKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.search.value !== '') {
      event.preventDefault();
      event.stopPropagation();
      this.search.value = '';
      this.commands.searchHistory('');
    } else if (event.key === 'ArrowDown') {
      const first = this.list.querySelector<HTMLElement>('.history-open');
      if (first !== null) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  private row(conversation: ConversationSummary, current: boolean): HTMLElement {
    this.dates ??= new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium' });
    const when = this.dates.format(new Date(conversation.updatedAt));
    return h(
      'li',
      { class: 'history-item', 'data-conversation': conversation.id, 'aria-current': String(current) },
      h(
        'div',
        { class: 'history-row' },
        h(
          'button',
          { type: 'button', class: 'history-open', 'data-action': historyActions.open, title: conversation.title },
          h('span', { class: 'history-title' }, conversation.title),
          conversation.match !== undefined && conversation.match !== '' && h('span', { class: 'history-match' }, conversation.match),
          h('span', { class: 'history-meta' }, `${when} · ${t('messageCount', { count: conversation.messageCount })}`),
        ),
        iconButton('edit', `${t('rename')}: ${conversation.title}`, historyActions.rename),
        iconButton('export', `${t('export')}: ${conversation.title}`, historyActions.export),
        iconButton('trash', `${t('delete')}: ${conversation.title}`, historyActions.delete),
      ),
    );
  }

  private onClick(event: MouseEvent): void {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    const item = target?.closest<HTMLElement>('.history-item');
    const id = item?.getAttribute('data-conversation');
    if (target === null || target === undefined || item === null || item === undefined || id === null || id === undefined) {
      return;
    }
    const title = this.conversations?.find((conversation) => conversation.id === id)?.title ?? '';
    switch (target.getAttribute('data-action')) {
      case historyActions.open:
        this.commands.post({ type: 'history/open', conversationId: id });
        this.onOpened();
        return;
      case historyActions.rename:
        this.replaceRow(item, this.renameForm(title));
        item.querySelector('input')?.select();
        return;
      case historyActions.renameSave:
        this.saveRename(item, id);
        return;
      case historyActions.export:
        this.commands.post({ type: 'history/export', conversationId: id });
        return;
      case historyActions.delete:
        this.replaceRow(item, this.confirmDelete(title));
        item.querySelector<HTMLElement>(`[data-action="${historyActions.deleteConfirm}"]`)?.focus();
        return;
      case historyActions.deleteConfirm:
        this.commands.post({ type: 'history/delete', conversationId: id });
        // The row goes when the host sends the new list.
        this.restoreRow(item);
        return;
      case historyActions.renameCancel:
      case historyActions.deleteCancel:
        this.restoreRow(item);
        return;
    }
  }

  private onKey(event: KeyboardEvent): void {
    const input = event.target instanceof HTMLInputElement ? event.target : undefined;
    const item = input?.closest<HTMLElement>('.history-item');
    const id = item?.getAttribute('data-conversation');
    if (item === null || item === undefined || id === null || id === undefined) {
      return;
    }
    if (event.key === 'Enter') {
      event.preventDefault();
      this.saveRename(item, id);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.restoreRow(item);
    }
  }

  private saveRename(item: HTMLElement, id: string): void {
    const title = item.querySelector('input')?.value.trim() ?? '';
    if (title !== '') {
      this.commands.post({ type: 'history/rename', conversationId: id, title });
    }
    this.restoreRow(item);
  }

  private renameForm(title: string): HTMLElement {
    const input = h('input', { type: 'text', class: 'rename-input', 'aria-label': t('renameConversation'), maxlength: '200' });
    input.value = title;
    return h(
      'div',
      { class: 'history-form' },
      input,
      textButton(t('save'), historyActions.renameSave),
      textButton(t('cancel'), historyActions.renameCancel, { secondary: true }),
    );
  }

  private confirmDelete(title: string): HTMLElement {
    return h(
      'div',
      { class: 'history-form', role: 'group', 'aria-label': t('confirmDelete', { title }) },
      h('span', { class: 'history-confirm' }, t('confirmDelete', { title })),
      textButton(t('delete'), historyActions.deleteConfirm),
      textButton(t('cancel'), historyActions.deleteCancel, { secondary: true }),
    );
  }

  /** Shows a form in place of the row's buttons; the row comes back on save or cancel. */
  private replaceRow(item: HTMLElement, form: HTMLElement): void {
    item.querySelector<HTMLElement>('.history-row')!.hidden = true;
    item.querySelector('.history-form')?.remove();
    item.append(form);
  }

  private restoreRow(item: HTMLElement): void {
    item.querySelector('.history-form')?.remove();
    const row = item.querySelector<HTMLElement>('.history-row');
    if (row !== null) {
      row.hidden = false;
    }
  }
}
