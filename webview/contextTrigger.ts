/**
 * The `#word` the user is typing in the message box, which opens the Add Context list: a `#` at
 * the start of the text or after white space, then letters up to the caret. Read backwards from
 * the caret, so a long message costs only the word's length.
 */

export interface ContextTrigger {
  /** Where the `#` is. */
  start: number;
  /** The caret: the typed word ends here. */
  end: number;
  /** The letters after `#` (lower case), which filter the list. */
  query: string;
}

/** How many letters after `#` still count as choosing a kind (the longest keyword is `selection`). */
const longestWord = 20;

function isLetter(character: string): boolean {
  return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z');
}

/** The trigger ending at `caret`, if the text there is one. */
export function contextTriggerAt(text: string, caret: number): ContextTrigger | undefined {
  let position = caret;
  while (position > 0 && caret - position <= longestWord && isLetter(text[position - 1]!)) {
    position--;
  }
  const hash = position - 1;
  if (hash < 0 || text[hash] !== '#' || caret - position > longestWord) {
    return undefined;
  }
  if (hash > 0 && !/\s/.test(text[hash - 1]!)) {
    return undefined;
  }
  return { start: hash, end: caret, query: text.slice(position, caret).toLowerCase() };
}

/** The text with the trigger taken out, and where the caret goes. */
export function withoutTrigger(text: string, trigger: ContextTrigger): { text: string; caret: number } {
  return { text: text.slice(0, trigger.start) + text.slice(trigger.end), caret: trigger.start };
}
