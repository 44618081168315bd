/**
 * Code blocks in an answer get Copy, Insert at cursor, Open in new file and Apply. The buttons only
 * carry `data-action`; the message list's one click listener reads the block's code and language
 * and posts `code/copy`, `code/insert`, `code/newFile` or `code/apply` (with the answer's id: the
 * host finds the block there, with the file its fence names).
 */

import type { FromWebview } from '../../src/protocol/messages';
import { vscodeLanguageId } from '../highlight';
import { t } from '../l10n';
import { h, iconButton } from './dom';

const codeActions = {
  copy: 'code-copy',
  insert: 'code-insert',
  newFile: 'code-new-file',
  apply: 'code-apply',
} as const;

/** Wraps every `pre > code` of freshly rendered markdown with its toolbar. */
export function decorateCodeBlocks(root: DocumentFragment | HTMLElement): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const code = pre.querySelector('code');
    if (code === null || pre.parentElement?.classList.contains('code-block') === true) {
      continue;
    }
    const language = fenceLanguage(code);
    const toolbar = h(
      'div',
      { class: 'code-toolbar' },
      h('span', { class: 'code-language' }, language ?? ''),
      iconButton('copy', t('copy'), codeActions.copy),
      iconButton('insert', t('insert'), codeActions.insert),
      iconButton('new-file', t('newFile'), codeActions.newFile),
      iconButton('git-compare', t('apply'), codeActions.apply),
    );
    const label = language === undefined ? t('codeBlock') : `${t('codeBlock')} (${language})`;
    const block = h('div', { class: 'code-block', role: 'group', 'aria-label': label });
    // A long line scrolls the block sideways: focusable, so the keyboard can reach and scroll it,
    // and named, so focusing it says what it is.
    pre.tabIndex = 0;
    pre.setAttribute('role', 'region');
    pre.setAttribute('aria-label', label);
    pre.replaceWith(block);
    block.append(toolbar, pre);
  }
}

function fenceLanguage(code: Element): string | undefined {
  for (const name of Array.from(code.classList)) {
    if (name.startsWith('language-')) {
      return name.slice('language-'.length);
    }
  }
  return undefined;
}

/** The message a code-block button asks for, or undefined when `button` is not one. */
export function codeActionMessage(button: Element): FromWebview | undefined {
  const action = button.getAttribute('data-action');
  const code = button.closest('.code-block')?.querySelector('pre > code');
  if (code === null || code === undefined) {
    return undefined;
  }
  // markdown-it ends a fence's text with its last newline; the code itself does not.
  const text = (code.textContent ?? '').replace(/\n$/, '');
  switch (action) {
    case codeActions.copy:
      return { type: 'code/copy', code: text };
    case codeActions.insert:
      return { type: 'code/insert', code: text };
    case codeActions.newFile: {
      const language = fenceLanguage(code);
      const languageId = language === undefined ? undefined : vscodeLanguageId(language);
      return languageId === undefined ? { type: 'code/newFile', code: text } : { type: 'code/newFile', code: text, languageId };
    }
    case codeActions.apply: {
      // Only an answer's blocks can be applied; its element carries the message id.
      const answer = button.closest('[data-role="assistant"][data-id]');
      const messageId = answer?.getAttribute('data-id') ?? '';
      return messageId === '' ? undefined : { type: 'code/apply', messageId, code: text };
    }
    default:
      return undefined;
  }
}
