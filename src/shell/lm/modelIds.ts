/**
 * Model ids on the border with VS Code's language-model API. Models other extensions give VS Code
 * are `vscode-lm/<vendor>/<model id>` in Switchboard; Switchboard's own models go to VS Code under
 * the vendor `switchboard`. Neither direction may carry the other's models back (no loops), and the
 * offline `mock/…` models stay inside Switchboard.
 */

/** The provider id of VS Code's language models in Switchboard's registry. */
export const vscodeLmProviderId = 'vscode-lm';

/** The vendor Switchboard registers with `vscode.lm.registerLanguageModelChatProvider`. */
export const switchboardVendor = 'switchboard';

const vscodeLmPrefix = `${vscodeLmProviderId}/`;

/**
 * True for a `vscode-lm/…` model: one that another extension gives VS Code. Such models may be used
 * only from a user action (VS Code asks for consent on the first request), so the public API and
 * the `switchboard` vendor refuse them.
 */
export function isVscodeLmModel(model: string): boolean {
  return model.trim().toLowerCase().startsWith(vscodeLmPrefix);
}

/** `vscode-lm/<vendor>/<id>`, the model id the chat and the core use for a VS Code model. */
export function vscodeLmModelId(vendor: string, id: string): string {
  return `${vscodeLmPrefix}${vendor}/${id}`;
}

/**
 * The vendor and VS Code id in what follows `vscode-lm/` (`copilot/gpt-4o`); the vendor ends at the
 * first slash, the id may hold more. Undefined when either part is missing.
 */
export function splitVscodeLmModel(modelId: string): { vendor: string; id: string } | undefined {
  const slash = modelId.indexOf('/');
  if (slash <= 0 || slash === modelId.length - 1) {
    return undefined;
  }
  return { vendor: modelId.slice(0, slash), id: modelId.slice(slash + 1) };
}

/** Whether Switchboard may offer a model to VS Code under its own vendor: not mock, not VS Code's own. */
export function isOfferedToVsCode(model: string): boolean {
  const prefix = model.slice(0, Math.max(0, model.indexOf('/'))).toLowerCase();
  return prefix.length > 0 && prefix !== 'mock' && prefix !== vscodeLmProviderId;
}
