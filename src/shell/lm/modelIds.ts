/**
 * Model ids on the border with VS Code's language-model API. Models other extensions give VS Code
 * are `vscode-lm/<vendor>/<model id>` in Switchboard (read by `modelAddress.ts`); Switchboard's own
 * models go to VS Code under the vendor `switchboard`. Neither direction may carry the other's
 * models back (no loops), and the offline `mock/…` models stay inside Switchboard.
 */

import { splitModelName } from '../../core';
import { vscodeLmProviderId } from '../modelAddress';

/** The vendor Switchboard registers with `vscode.lm.registerLanguageModelChatProvider`. */
export const switchboardVendor = 'switchboard';

/** Whether Switchboard may offer a model to VS Code under its own vendor: not mock, not VS Code's own. */
export function isOfferedToVsCode(model: string): boolean {
  const prefix = (splitModelName(model)?.provider ?? '').toLowerCase();
  return prefix.length > 0 && prefix !== 'mock' && prefix !== vscodeLmProviderId;
}
