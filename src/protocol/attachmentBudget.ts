/**
 * How much context one message may carry to the model, checked on both sides: the webview's
 * composer refuses to add past it (so an honest user learns before sending) and the host refuses a
 * `chat/send` past it with a notice (a compromised view skips the composer). The guards' limits in
 * `messages.ts` are a different thing: a ceiling on what can be parsed at all, past which a message
 * is malformed and dropped without a word.
 */

import type { Attachment } from './messages';

export const attachmentBudget = {
  /**
   * Attachments on one message. Ten files or images are already more context than most models
   * answer well about, and each one is a chip the user can see and remove.
   */
  count: 10,
  /**
   * UTF-8 bytes of all of a message's attachments together (image data URLs and texts): 20 MiB,
   * about the request size the vision APIs accept (OpenAI's 20 MB per image, Anthropic's and
   * Gemini's request limits), so a message past it would fail at the provider anyway — after the
   * user paid for the upload and the host held it in memory twice.
   */
  totalBytes: 20 * 1024 * 1024,
} as const;

/** Why attachments do not fit: too many of them, or too many bytes (with the bytes counted). */
export type BudgetProblem = { reason: 'tooMany'; count: number } | { reason: 'tooLarge'; bytes: number };

/** UTF-8 bytes of a string, without encoding it (the texts may be megabytes long). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) {
      bytes += 1;
    } else if (code < 0x800) {
      bytes += 2;
    } else if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      index++;
    } else {
      bytes += 3;
    }
  }
  return bytes;
}

/** The bytes an attachment adds to a message: its text or its data URL (names and labels are small and capped by the guards). */
export function attachmentBytes(attachment: Attachment): number {
  return utf8Length(attachment.dataUrl ?? '') + utf8Length(attachment.text ?? '');
}

/** Why `attachments` do not fit the budget, or undefined when they do. */
export function attachmentBudgetProblem(attachments: readonly Attachment[]): BudgetProblem | undefined {
  if (attachments.length > attachmentBudget.count) {
    return { reason: 'tooMany', count: attachments.length };
  }
  let bytes = 0;
  for (const attachment of attachments) {
    bytes += attachmentBytes(attachment);
  }
  return bytes > attachmentBudget.totalBytes ? { reason: 'tooLarge', bytes } : undefined;
}
