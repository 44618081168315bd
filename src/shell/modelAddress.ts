/**
 * The one reader of a model name in the extension: where a chat message, an API call, a key or a
 * connection test for `prefix/model` goes. The prefix is a custom endpoint's name (endpoints come
 * first: their names are never a provider's id), a provider's id or alias (folded to the canonical
 * id), or `vscode-lm` for the models other extensions give VS Code; a bare name the catalogue knows
 * routes to its provider, as in the core. Built on the core's `parseModelName`, which the router
 * uses, so the extension and the core never disagree about a name.
 */

import { findProvider, parseModelName, splitModelName } from '../core';

/** The provider id of VS Code's language models (`vscode-lm/<vendor>/<model id>`) in Switchboard. */
export const vscodeLmProviderId = 'vscode-lm';

/** What a custom endpoint needs to be found by name (`CustomEndpoint` fits). */
export interface NamedEndpoint {
  readonly name: string;
}

/**
 * The server a model's requests go to: a provider (its canonical id) or a custom endpoint. It is
 * whose key is used, what Test Connection checks and what the API's key rule protects.
 */
export type ModelServer<Endpoint extends NamedEndpoint> = { kind: 'provider'; providerId: string } | { kind: 'endpoint'; endpoint: Endpoint };

/** A model name that names something Switchboard can call, with the id that server knows it by. */
export type ModelAddress<Endpoint extends NamedEndpoint> =
  | (ModelServer<Endpoint> & { modelId: string })
  /** `modelId` is `<vendor>/<id>` (see `splitVscodeLmModelId`). */
  | { kind: 'vscode-lm'; modelId: string };

/** Why a name addresses nothing: no provider (a bare name the catalogue does not know), no model after the prefix, or a prefix nobody has. */
export interface UnaddressedModel {
  kind: 'invalid';
  reason: 'no-provider' | 'no-model' | 'unknown-prefix';
  /** The prefix as written, for `unknown-prefix`. */
  prefix?: string;
}

/** The canonical provider id for an id or alias (any case, spaces trimmed), or undefined when no provider has it. */
export function canonicalProviderId(id: string): string | undefined {
  return findProvider(id.trim())?.id;
}

/** The custom endpoint with this name (case-insensitive), if any. */
export function findEndpoint<Endpoint extends NamedEndpoint>(endpoints: readonly Endpoint[], name: string): Endpoint | undefined {
  const wanted = name.toLowerCase();
  return endpoints.find((endpoint) => endpoint.name.toLowerCase() === wanted);
}

/** Reads `model` against the configured custom endpoints; says why when it addresses nothing. */
export function readModelAddress<Endpoint extends NamedEndpoint>(model: string, endpoints: readonly Endpoint[]): ModelAddress<Endpoint> | UnaddressedModel {
  const parsed = parseModelName(model);
  if (parsed === undefined) {
    return { kind: 'invalid', reason: 'no-provider' };
  }
  if (parsed.modelId.length === 0) {
    return { kind: 'invalid', reason: 'no-model' };
  }
  const endpoint = parsed.bare ? undefined : findEndpoint(endpoints, parsed.provider);
  if (endpoint !== undefined) {
    return { kind: 'endpoint', endpoint, modelId: parsed.modelId };
  }
  if (parsed.provider.toLowerCase() === vscodeLmProviderId) {
    return { kind: 'vscode-lm', modelId: parsed.modelId };
  }
  const providerId = canonicalProviderId(parsed.provider);
  return providerId === undefined ? { kind: 'invalid', reason: 'unknown-prefix', prefix: parsed.provider } : { kind: 'provider', providerId, modelId: parsed.modelId };
}

/** The server `model` goes to, or undefined when it names none (VS Code's models have no server of ours). */
export function modelServer<Endpoint extends NamedEndpoint>(model: string, endpoints: readonly Endpoint[]): (ModelServer<Endpoint> & { modelId: string }) | undefined {
  const address = readModelAddress(model, endpoints);
  return address.kind === 'provider' || address.kind === 'endpoint' ? address : undefined;
}

/** The provider id or endpoint name of a server, as messages and errors name it. */
export function serverName(server: ModelServer<NamedEndpoint>): string {
  return server.kind === 'provider' ? server.providerId : server.endpoint.name;
}

/**
 * The vendor and VS Code id in a `vscode-lm` model id (`copilot/gpt-4o`); the vendor ends at the
 * first slash, the id may hold more. Undefined when either part is missing.
 */
export function splitVscodeLmModelId(modelId: string): { vendor: string; id: string } | undefined {
  const parts = splitModelName(modelId);
  if (parts === undefined || parts.provider.length === 0 || parts.modelId.length === 0) {
    return undefined;
  }
  return { vendor: parts.provider, id: parts.modelId };
}
