/**
 * The draft: context waiting for the next question (a selection, a file, a pasted image).
 */

import { protocolLimits, type Attachment, type DraftView } from '../../protocol/messages';

function sameAttachment(a: Attachment, b: Attachment): boolean {
  return a.kind === b.kind && a.name === b.name && a.lines === b.lines && a.text === b.text && a.dataUrl === b.dataUrl;
}

/**
 * `addition`'s attachments after the draft's (an attachment already there is not added twice;
 * past the protocol's limit the oldest go). The text is the addition's only: the composer's own
 * text lives in the view, and a `draft/set` without text leaves it as the user typed it.
 */
export function mergeDraft(draft: DraftView | undefined, addition: DraftView): DraftView {
  const attachments = [...(draft?.attachments ?? [])];
  for (const attachment of addition.attachments) {
    if (!attachments.some((existing) => sameAttachment(existing, attachment))) {
      attachments.push(attachment);
    }
  }
  const merged: DraftView = { attachments: attachments.slice(-protocolLimits.attachments) };
  if (addition.text !== undefined) {
    merged.text = addition.text;
  }
  return merged;
}
