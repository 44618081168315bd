/**
 * One markdown text on screen that may grow (a streaming answer or its reasoning). Complete
 * top-level blocks are rendered once and kept; only the block still being written is rendered
 * again, so a long answer costs the same per frame as a short one.
 */

import { completeBlocksLength } from '../blocks';
import { renderMarkdown } from '../markdown';
import { decorateCodeBlocks } from './codeBlocks';

export class MarkdownView {
  /** The text already rendered as kept blocks. */
  private kept = '';
  /** The rest: the block being written, rendered again on every update. */
  private readonly tail: HTMLElement;
  private shown: string | undefined;

  constructor(readonly element: HTMLElement) {
    this.tail = document.createElement('div');
    this.tail.className = 'markdown-tail';
    element.append(this.tail);
  }

  /**
   * Shows `source`. Text that extends what is shown renders only the new part; other text starts
   * over. A `final` text is rendered whole (so a reference link resolves across blocks); a growing
   * one keeps its last block apart, to render it again with the next update.
   */
  update(source: string, final: boolean): void {
    if (source === this.shown) {
      return;
    }
    this.shown = source;
    if (!source.startsWith(this.kept)) {
      this.kept = '';
      this.element.replaceChildren(this.tail);
    }
    const rest = source.slice(this.kept.length);
    const complete = final ? rest.length : completeBlocksLength(rest);
    if (complete > 0) {
      // Kept blocks go in a chunk of their own with its layout contained (styles.css), so the
      // browser leaves them alone while the block after them grows.
      const chunk = document.createElement('div');
      chunk.className = 'markdown-chunk';
      chunk.append(this.render(rest.slice(0, complete)));
      this.element.insertBefore(chunk, this.tail);
      this.kept += rest.slice(0, complete);
    }
    if (complete === rest.length) {
      this.tail.replaceChildren();
    } else {
      this.tail.replaceChildren(this.render(rest.slice(complete)));
    }
  }

  /** The text as a screen reader hears it. */
  text(): string {
    return this.element.textContent ?? '';
  }

  private render(source: string): DocumentFragment {
    const fragment = renderMarkdown(source);
    decorateCodeBlocks(fragment);
    return fragment;
  }
}
