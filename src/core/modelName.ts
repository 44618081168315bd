/**
 * How a model is named everywhere in Switchboard: `provider/model`, split at the first slash. The
 * provider part is an id, an alias or (in the extension) a custom endpoint's name; the model part
 * is the provider's own id and may hold more slashes (`openrouter/meta-llama/llama-3.1-70b`). The
 * router, the catalogue and the extension all read names with this one function.
 */

/** A model name's two parts, as written (not trimmed, not lower-cased). */
export interface ModelNameParts {
  /** What precedes the first slash (may be empty when the name starts with one). */
  provider: string;
  /** Everything after the first slash. */
  modelId: string;
}

/** `provider/model` → its parts; undefined for a bare name (no slash), such as `gpt-4o-mini`. */
export function splitModelName(name: string): ModelNameParts | undefined {
  const slash = name.indexOf('/');
  return slash === -1 ? undefined : { provider: name.slice(0, slash), modelId: name.slice(slash + 1) };
}
