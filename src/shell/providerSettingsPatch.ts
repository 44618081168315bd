/**
 * What a setup flow writes to the user's `switchboard.providers`: one provider's entry changed,
 * every other entry and field kept as the user wrote it. The entry is found under any of the
 * provider's names (`vertex` for `vertex_ai`), so an alias the user chose stays the one written.
 * Never a key: secrets go to SecretStorage.
 */

import { isRecord } from '../core';
import { canonicalProviderId } from './modelAddress';

/** Fields to set (a string, or a list such as Azure's deployments); `undefined` removes a field. */
export type ProviderPatch = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The user's providers value with `patch` applied to `providerId`'s entry (created when missing, dropped when left empty). */
export function patchedProviders(current: unknown, providerId: string, patch: ProviderPatch): Record<string, unknown> {
  const providers: Record<string, unknown> = isRecord(current) ? { ...current } : {};
  const key = Object.keys(providers).find((name) => canonicalProviderId(name) === providerId) ?? providerId;
  const existing = providers[key];
  const entry: Record<string, unknown> = isRecord(existing) ? { ...existing } : {};
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) {
      delete entry[field];
    } else {
      entry[field] = typeof value === 'string' ? value : [...value];
    }
  }
  if (Object.keys(entry).length === 0) {
    delete providers[key];
  } else {
    providers[key] = entry;
  }
  return providers;
}
