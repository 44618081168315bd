/**
 * How a webview page shows a string in VS Code's display language: the host writes the
 * translations of the page's English strings into the page (`renderChatHtml`'s JSON block, read
 * once here), so the first paint is already translated and no message has to arrive first. A
 * string the block lacks is shown in English.
 */

import { translationsElementId } from '../src/protocol/translationsBlock';

let translations: ReadonlyMap<string, string> | undefined;

/** English text → its translation, from the page's block; empty when there is none (English, or a block that does not parse). */
function translationsInPage(): ReadonlyMap<string, string> {
  if (translations === undefined) {
    const found = new Map<string, string>();
    try {
      const parsed: unknown = JSON.parse(document.getElementById(translationsElementId)?.textContent ?? '{}');
      if (typeof parsed === 'object' && parsed !== null) {
        for (const [english, translated] of Object.entries(parsed)) {
          if (typeof translated === 'string' && translated !== '') {
            found.set(english, translated);
          }
        }
      }
    } catch {
      // A block that does not parse leaves the page in English rather than blank.
    }
    translations = found;
  }
  return translations;
}

export type Translate<Key extends string> = (key: Key, values?: Readonly<Record<string, string | number>>) => string;

/**
 * `t` over one page's English table: the key's English text, its translation when the page has
 * one, with `{name}` placeholders filled from `values`.
 */
export function translator<Key extends string>(english: Readonly<Record<Key, string>>): Translate<Key> {
  return (key, values = {}) => {
    const text = english[key];
    const template = translationsInPage().get(text) ?? text;
    // Own values only: `{constructor}` in a translated string must not print Object's constructor.
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
  };
}
