/**
 * The chat page's strings: every text the chat shows goes through `t`, keyed by the English table
 * (src/protocol/chatStrings.ts) and translated by what the host wrote into the page
 * (webview/translations.ts), English where a translation lacks a string.
 */

import { chatStrings } from '../src/protocol/chatStrings';
import { translator } from './translations';

export type StringKey = keyof typeof chatStrings;

/** The string for `key` in VS Code's display language, with `{name}` placeholders filled from `values`. */
export const t = translator(chatStrings);
