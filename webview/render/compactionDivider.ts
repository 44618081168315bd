/**
 * Where earlier turns stopped being sent as they were: a divider in the conversation before the
 * first message still sent in full, reading "12 earlier messages summarised" (with the summary
 * behind a disclosure, rendered through the safe markdown path only when first opened) or "12
 * earlier messages left out of the model's context".
 */

import type { CompactionView } from '../../src/protocol/requestViews';
import { t } from '../l10n';
import { codicon, h } from './dom';
import { MarkdownView } from './markdownView';

export class CompactionDivider {
  readonly element: HTMLElement;

  constructor(readonly compaction: CompactionView) {
    const summarised = compaction.kind === 'summary';
    const count = compaction.messageCount;
    const text = summarised
      ? count === 1 ? t('compactionSummaryOne') : t('compactionSummary', { count })
      : count === 1 ? t('compactionDroppedOne') : t('compactionDropped', { count });
    this.element = h(
      'div',
      { class: 'compaction', 'data-role': 'compaction', 'data-id': compaction.id, 'data-kind': compaction.kind, role: 'group', 'aria-label': text },
      h('div', { class: 'compaction-line' }, codicon(summarised ? 'fold' : 'eye-closed'), h('span', { class: 'compaction-text' }, text)),
    );
    const summary = compaction.summary;
    if (summarised && summary !== undefined && summary !== '') {
      // Drawn when first opened: a long chat's dividers cost nothing until someone reads one.
      const details = h('details', { class: 'compaction-summary' }, h('summary', {}, t('showSummary')));
      details.addEventListener('toggle', () => {
        if (details.open && details.childElementCount === 1) {
          const view = new MarkdownView(h('div', { class: 'compaction-content markdown' }));
          view.update(summary, true);
          details.append(view.element);
        }
      });
      this.element.append(details);
    }
  }
}
