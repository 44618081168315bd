/**
 * Editing a sent message in place: its text in a box, "Save and resend" and "Cancel". Enter saves,
 * Shift+Enter adds a line, Escape cancels (the message list handles the keys and buttons).
 */

import { t } from '../l10n';
import { h, textButton } from './dom';

export const editActions = {
  save: 'edit-save',
  cancel: 'edit-cancel',
} as const;

export function editForm(text: string): { element: HTMLElement; textarea: HTMLTextAreaElement } {
  const textarea = h('textarea', { class: 'edit-input', 'aria-label': t('editMessage'), rows: '3' });
  textarea.value = text;
  const element = h(
    'div',
    { class: 'edit-form' },
    textarea,
    h('div', { class: 'action-row' }, textButton(t('saveAndResend'), editActions.save), textButton(t('cancel'), editActions.cancel, { secondary: true })),
  );
  return { element, textarea };
}
