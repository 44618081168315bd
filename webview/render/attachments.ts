/**
 * Attachments as chips: a selection or file with its name and lines, an image with a thumbnail.
 * In the composer each chip has a remove button (`data-action="remove-attachment"` with its index).
 */

import type { Attachment } from '../../src/protocol/messages';
import { t } from '../l10n';
import { codicon, h, iconButton } from './dom';

/** The image forms the host accepts; anything else gets no thumbnail (and so makes no request). */
const inlineImage = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

const icons: Record<Attachment['kind'], string> = { selection: 'selection', file: 'file-code', image: 'file-media' };

function chipLabel(attachment: Attachment): string {
  return attachment.lines === undefined ? attachment.name : `${attachment.name}:${attachment.lines}`;
}

export const removeAttachmentAction = 'remove-attachment';

/** One chip; `removable` adds the remove button for the composer. */
function attachmentChip(attachment: Attachment, index: number, removable: boolean): HTMLElement {
  const label = chipLabel(attachment);
  const chip = h('span', { class: `attachment-chip attachment-${attachment.kind}`, title: attachment.languageId === undefined ? label : `${label} (${attachment.languageId})` });
  if (attachment.kind === 'image' && attachment.dataUrl !== undefined && inlineImage.test(attachment.dataUrl)) {
    const thumbnail = h('img', { class: 'attachment-thumbnail', alt: '' });
    thumbnail.src = attachment.dataUrl;
    chip.append(thumbnail);
  } else {
    chip.append(codicon(icons[attachment.kind]));
  }
  chip.append(h('span', { class: 'attachment-name' }, label));
  if (removable) {
    chip.append(iconButton('close', t('removeAttachment', { name: label }), removeAttachmentAction, { 'data-index': String(index) }));
  }
  return chip;
}

/** The chips of a message or the draft, in a labelled list. */
export function attachmentList(attachments: readonly Attachment[], removable: boolean): HTMLElement {
  const list = h('div', { class: 'attachments', role: 'list', 'aria-label': t('attachments') });
  attachments.forEach((attachment, index) => {
    const item = attachmentChip(attachment, index, removable);
    item.setAttribute('role', 'listitem');
    list.append(item);
  });
  return list;
}
