/**
 * The finished rounds of an answer that used tools, oldest first: each its reasoning (collapsed,
 * as "Thinking"), its text (markdown, rendered safely as answers are), then the calls it made and
 * their results. A round is finished, so it is drawn once; the host sends a round object anew
 * only when a call of it changed, and then only that call is drawn again.
 */

import type { AnswerRoundView } from '../../src/protocol/messages';
import { t } from '../l10n';
import { codicon, h } from './dom';
import { MarkdownView } from './markdownView';
import { ToolCallList } from './toolCallList';

/** A collapsed "Thinking" disclosure (a native <details>: its summary is a button with an expanded state for screen readers). */
export function reasoningBlock(): { details: HTMLDetailsElement; view: MarkdownView } {
  const view = new MarkdownView(h('div', { class: 'reasoning-content markdown' }));
  const details = h('details', { class: 'reasoning' }, h('summary', {}, codicon('lightbulb'), h('span', {}, t('thinking'))), view.element);
  return { details, view };
}

class RoundView {
  readonly element: HTMLElement;
  private round: AnswerRoundView | undefined;
  private reasoning: { details: HTMLDetailsElement; view: MarkdownView } | undefined;
  private readonly content: MarkdownView;
  private readonly calls: ToolCallList;

  constructor(round: AnswerRoundView) {
    this.content = new MarkdownView(h('div', { class: 'message-content markdown' }));
    this.calls = new ToolCallList();
    this.element = h('div', { class: 'answer-round' }, this.content.element, this.calls.element);
    this.update(round);
  }

  update(next: AnswerRoundView): void {
    const previous = this.round;
    if (previous === next) {
      return;
    }
    this.round = next;
    if (previous?.reasoning !== next.reasoning) {
      const reasoning = next.reasoning ?? '';
      if (this.reasoning === undefined && reasoning !== '') {
        this.reasoning = reasoningBlock();
        this.element.prepend(this.reasoning.details);
      }
      this.reasoning?.view.update(reasoning, true);
      this.reasoning?.details.toggleAttribute('hidden', reasoning === '');
    }
    if (previous?.content !== next.content) {
      this.content.update(next.content, true);
      this.content.element.toggleAttribute('hidden', next.content === '');
    }
    this.calls.update(next.toolCalls);
  }
}

export class AnswerRounds {
  readonly element: HTMLElement;
  private rounds: readonly AnswerRoundView[] | undefined;
  private readonly views: RoundView[] = [];

  constructor() {
    this.element = h('div', { class: 'answer-rounds' });
  }

  /** Rounds keep their place: the answer only ever adds rounds at the end (and a new answer starts over). */
  update(rounds: readonly AnswerRoundView[]): void {
    if (rounds === this.rounds) {
      return;
    }
    this.rounds = rounds;
    rounds.forEach((round, index) => {
      const view = this.views[index];
      if (view === undefined) {
        const created = new RoundView(round);
        this.views.push(created);
        this.element.append(created.element);
      } else {
        view.update(round);
      }
    });
    for (const stale of this.views.splice(rounds.length)) {
      stale.element.remove();
    }
  }
}
