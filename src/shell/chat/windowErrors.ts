/**
 * The words for a request that does not fit the model's window, always with the numbers: the
 * question refused before it was sent (`tooLongError`), the provider's own refusal with what was
 * sent (`withWindowNumbers`, `switchboard.chat.longChats: off`), and an attachment too large to
 * attach at all (`attachmentTooLargeText`).
 */

import type { ChatErrorView } from '../../protocol/messages';
import type { Localize } from './localize';

/** A token count for a person: `12,345`. */
export function tokenCount(tokens: number): string {
  return Math.round(tokens).toLocaleString('en-US');
}

export interface WindowNumbers {
  /** What the request (or its part that must stay) needs. */
  tokens: number;
  window: number;
  reserve: number;
}

/** The question cannot be sent even with every earlier turn left out. */
export function tooLongError(numbers: WindowNumbers, model: string, localize: Localize): ChatErrorView {
  return {
    message: localize(
      "This question is too long for {0}: it needs about {1} tokens with the instructions, and the model's window is {2} tokens with {3} kept for the answer. Remove attachments or shorten it, or pick a model with a larger window.",
      model,
      tokenCount(numbers.tokens),
      tokenCount(numbers.window),
      tokenCount(numbers.reserve),
    ),
    kind: 'ContextWindowExceededError',
    actions: ['selectModel'],
  };
}

/** The provider's refusal, with what was sent: the user sees how far over it was. */
export function withWindowNumbers(error: ChatErrorView, sent: { corrected: number; window: number; reserve: number }, localize: Localize): ChatErrorView {
  const numbers = localize('The request had about {0} tokens; the window is {1} tokens with {2} kept for the answer.', tokenCount(sent.corrected), tokenCount(sent.window), tokenCount(sent.reserve));
  return { ...error, message: `${error.message} ${numbers}` };
}

/** An attachment that alone would not fit beside the instructions and the answer's reserve. */
export function attachmentTooLargeText(name: string, tokens: number, numbers: { window: number; reserve: number }, localize: Localize): string {
  return localize(
    '{0} was not attached: it is about {1} tokens, and the model\'s window is {2} tokens with {3} kept for the answer.',
    name,
    tokenCount(tokens),
    tokenCount(numbers.window),
    tokenCount(numbers.reserve),
  );
}
