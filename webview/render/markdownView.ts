/**
 * One markdown text on screen that may grow (a streaming answer or its reasoning). Complete
 * top-level blocks are rendered once and kept; only the block still being written is rendered
 * again, so a long answer costs the same per frame as a short one. Until the renderer's chunk has
 * arrived (markdownLoader.ts) the text is shown plain, marked `data-drawing` (the chat is not
 * drawn completely yet), and drawn as markdown when it comes.
 */

import { completeBlocksLength } from '../blocks';
import { loadedMarkdown, redrawWithMarkdown, type Markdown } from '../markdownLoader';
import { decorateCodeBlocks } from './codeBlocks';

export class MarkdownView {
  /** The text already rendered as kept blocks. */
  private kept = '';
  /** The rest: the block being written, rendered again on every update. */
  private readonly tail: HTMLElement;
  private shown: string | undefined;
  private shownFinal = false;
  /** Whether the text is shown plain, waiting for the renderer. */
  private plain = false;

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
    this.shownFinal = final;
    const markdown = loadedMarkdown();
    if (markdown === undefined) {
      this.showPlain(source);
      return;
    }
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
      chunk.append(render(markdown, rest.slice(0, complete)));
      this.element.insertBefore(chunk, this.tail);
      this.kept += rest.slice(0, complete);
    }
    if (complete === rest.length) {
      this.tail.replaceChildren();
    } else {
      this.tail.replaceChildren(render(markdown, rest.slice(complete)));
    }
  }

  /** The text as a screen reader hears it. */
  text(): string {
    return this.element.textContent ?? '';
  }

  private showPlain(source: string): void {
    this.tail.textContent = source;
    if (this.plain) {
      return;
    }
    this.plain = true;
    this.tail.classList.add('markdown-plain');
    this.element.toggleAttribute('data-drawing', true);
    redrawWithMarkdown(() => {
      this.plain = false;
      this.tail.classList.remove('markdown-plain');
      this.element.toggleAttribute('data-drawing', false);
      const source = this.shown ?? '';
      this.shown = undefined;
      this.update(source, this.shownFinal);
    });
  }
}

function render(markdown: Markdown, source: string): DocumentFragment {
  const fragment = markdown.renderMarkdown(source);
  decorateCodeBlocks(fragment);
  return fragment;
}
