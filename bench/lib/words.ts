/**
 * The words every answer is made of, the same on every wire, so the wires differ only in their
 * framing: a spread of token shapes (leading spaces, punctuation, a newline, non-ASCII text).
 */

const words = [' The', ' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', '.', '\n\n', ' Café', ' naïve', ' —', ' déjà', ' vu', ',', ' and', ' then', ' some'];

/** Prompt tokens every answer reports in its usage. */
export const promptTokens = 12;

/** The text of content chunk `index`. */
export function word(index: number): string {
  return words[index % words.length] as string;
}

/** The whole text of an answer of `contentChunks` chunks (the Responses wire repeats it in its closing events). */
export function answerText(contentChunks: number): string {
  const parts: string[] = [];
  for (let index = 0; index < contentChunks; index++) {
    parts.push(word(index));
  }
  return parts.join('');
}
