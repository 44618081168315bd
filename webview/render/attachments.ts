/**
 * Attachments as chips: what kind of context each is (an icon, and its kind in words for screen
 * readers), its name (and lines), an image's thumbnail, and its size in tokens as the host counted
 * it (an image counts `tokensPerImage`). In the composer each chip has a remove button
 * (`data-action="remove-attachment"` with its index).
 */

import { tokensPerImage, type Attachment } from '../../src/protocol/messages';
import { t, type StringKey } from '../l10n';
import { codicon, h, iconButton } from './dom';
import { formatTokens } from './usage';

/** The image forms the host accepts; anything else gets no thumbnail (and so makes no request). */
const inlineImage = /^data:image\/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+=*$/;

const kinds: Record<Attachment['kind'], { icon: string; name: StringKey }> = {
  selection: { icon: 'selection', name: 'attachment_selection' },
  file: { icon: 'file-code', name: 'attachment_file' },
  image: { icon: 'file-media', name: 'attachment_image' },
  folder: { icon: 'folder', name: 'attachment_folder' },
  problems: { icon: 'warning', name: 'attachment_problems' },
  changes: { icon: 'git-compare', name: 'attachment_changes' },
  terminal: { icon: 'terminal', name: 'attachment_terminal' },
};

/** The attachment's size in tokens: the host's count, or an image's fixed price; undefined when unknown. */
export function attachmentTokens(attachment: Attachment): number | undefined {
  return attachment.tokens ?? (attachment.kind === 'image' ? tokensPerImage : undefined);
}

function chipLabel(attachment: Attachment): string {
  return attachment.lines === undefined ? attachment.name : `${attachment.name}:${attachment.lines}`;
}

export const removeAttachmentAction = 'remove-attachment';

/** One chip; `removable` adds the remove button for the composer. */
function attachmentChip(attachment: Attachment, index: number, removable: boolean): HTMLElement {
  const label = chipLabel(attachment);
  const kind = kinds[attachment.kind];
  const tokens = attachmentTokens(attachment);
  const size = tokens === undefined ? undefined : formatTokens(tokens);
  const described = [label, attachment.languageId, size].filter((part) => part !== undefined).join(' · ');
  const chip = h('span', { class: `attachment-chip attachment-${attachment.kind}`, title: `${t(kind.name)}: ${described}` });
  if (attachment.kind === 'image' && attachment.dataUrl !== undefined && inlineImage.test(attachment.dataUrl)) {
    const thumbnail = h('img', { class: 'attachment-thumbnail', alt: '' });
    thumbnail.src = attachment.dataUrl;
    chip.append(thumbnail);
  } else {
    chip.append(codicon(kind.icon));
  }
  chip.append(h('span', { class: 'visually-hidden' }, `${t(kind.name)}: `), h('span', { class: 'attachment-name' }, label));
  if (size !== undefined) {
    // The comma keeps a screen reader from running the name into the size.
    chip.append(h('span', { class: 'visually-hidden' }, ', '), h('span', { class: 'attachment-tokens' }, size));
  }
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
