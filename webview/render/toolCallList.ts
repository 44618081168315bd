/**
 * The tool calls of one round, in the order the model made them, keyed by id: a call the state
 * did not change keeps its element untouched, a changed one redraws its own parts only.
 */

import type { ToolCallView } from '../../src/protocol/messages';
import { h } from './dom';
import { ToolCallElement } from './toolCall';

export class ToolCallList {
  readonly element: HTMLElement;
  private calls: readonly ToolCallView[] | undefined;
  private readonly views = new Map<string, ToolCallElement>();
  private approvable = false;

  constructor() {
    this.element = h('div', { class: 'tool-calls' });
  }

  update(calls: readonly ToolCallView[]): void {
    if (calls === this.calls) {
      return;
    }
    this.calls = calls;
    const wanted = new Set(calls.map((call) => call.id));
    for (const [id, view] of this.views) {
      if (!wanted.has(id)) {
        view.element.remove();
        this.views.delete(id);
      }
    }
    let previous: Element | null = null;
    for (const call of calls) {
      let view = this.views.get(call.id);
      if (view === undefined) {
        view = new ToolCallElement(call, this.approvable);
        this.views.set(call.id, view);
      } else {
        view.update(call);
      }
      const expected: Element | null = previous === null ? this.element.firstElementChild : previous.nextElementSibling;
      if (expected !== view.element) {
        this.element.insertBefore(view.element, expected);
      }
      previous = view.element;
    }
  }

  /** Whether these calls belong to the answer running now: only then do calls that ask first show their buttons. */
  setApprovable(approvable: boolean): void {
    this.approvable = approvable;
    for (const view of this.views.values()) {
      view.setApprovable(approvable);
    }
  }
}
