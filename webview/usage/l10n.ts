/**
 * The usage page's strings: its English table (src/protocol/usageStrings.ts) through the same
 * translations the chat page uses (webview/translations.ts).
 */

import { usageStrings } from '../../src/protocol/usageStrings';
import { translator } from '../translations';

/** The string for `key` in VS Code's display language, with `{name}` placeholders filled from `values`. */
export const t = translator(usageStrings);
