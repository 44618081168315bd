/**
 * The bar above the composer while a proposed change is under review in the diff editor: which
 * file, how the change was made, how many more wait, and Accept / Reject — the same decisions as
 * the diff editor's title actions, posted as `review/decide`.
 */

import type { ReviewView } from '../../src/protocol/messages';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import { h, show, textButton } from './dom';

const reviewActions = { accept: 'review-accept', reject: 'review-reject' } as const;

export class ReviewBar {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private shown: ReviewView | undefined;

  constructor(commands: Pick<ChatCommands, 'post'>) {
    this.text = h('span', { class: 'review-text' });
    this.element = h(
      'div',
      { class: 'review-bar', role: 'region', 'aria-label': t('reviewRegion'), hidden: true },
      this.text,
      textButton(t('accept'), reviewActions.accept, { icon: 'check' }),
      textButton(t('reject'), reviewActions.reject, { icon: 'close', secondary: true }),
    );
    this.element.addEventListener('click', (event) => {
      const action = event.target instanceof Element ? event.target.closest('[data-action]')?.getAttribute('data-action') : undefined;
      if (action === reviewActions.accept || action === reviewActions.reject) {
        commands.post({ type: 'review/decide', decision: action === reviewActions.accept ? 'accept' : 'reject' });
      }
    });
  }

  render(review: ReviewView | undefined): void {
    if (review === this.shown) {
      return;
    }
    this.shown = review;
    show(this.element, review !== undefined);
    if (review !== undefined) {
      const more = review.remaining > 1 ? ` ${t('reviewMore', { count: String(review.remaining - 1) })}` : '';
      this.text.textContent = `${t('reviewing', { file: review.label, how: review.how })}${more}`;
    }
  }
}
