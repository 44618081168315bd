/**
 * The checks "Add Provider" runs on each step while the user types (an input box's validation
 * message), and the readers that turn an accepted answer into a setting's value. Each check
 * answers undefined for a good value, else the sentence to show. They allow what the settings'
 * schema and reader (`config.ts`) allow, so what the flow writes is never ignored when read.
 */

import { headerProblem, isKeyHeader } from '../../core';
import type { Localize } from '../chat/localize';
import { endpointNamePattern } from '../config';
import { canonicalProviderId } from '../modelAddress';

/** An http(s) URL without a user name or password (a key is asked for apart, and kept secret). */
export function urlProblem(value: string, localize: Localize): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return localize('Enter a URL such as http://localhost:8000/v1 or https://example.com/v1.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return localize('The URL starts with https:// or http://.');
  }
  if (url.username !== '' || url.password !== '') {
    return localize('Leave the user name and password out of the URL: a key is asked for later and kept in secret storage.');
  }
  return undefined;
}

/** The URL as the settings keep it: trimmed, without trailing slashes (as the settings reader does). */
export function normalizedUrl(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

/** An Azure resource name alone (`my-resource`), which stands for `https://my-resource.openai.azure.com`. */
export const azureResourceName = /^[A-Za-z0-9][A-Za-z0-9-]{1,62}$/;

/** Azure's endpoint step: a resource name, or the resource's URL. */
export function azureEndpointProblem(value: string, localize: Localize): string | undefined {
  if (azureResourceName.test(value.trim())) {
    return undefined;
  }
  return value.includes('/') || value.includes(':') ? urlProblem(value, localize) : localize('Enter the resource name (my-resource) or its endpoint (https://my-resource.openai.azure.com).');
}

/**
 * A custom endpoint's name: the prefix of its models, so it follows the setting's pattern, is not
 * a provider's id or alias, and is not another endpoint's (names are case-insensitive).
 */
export function endpointNameProblem(value: string, otherNames: readonly string[], localize: Localize): string | undefined {
  const name = value.trim();
  if (!endpointNamePattern.test(name)) {
    return localize("Use letters, digits, '.', '_' or '-' (up to 64, starting with a letter or digit): the name becomes the models' prefix, as in {0}/model.", name === '' ? 'name' : name);
  }
  if (canonicalProviderId(name) !== undefined) {
    return localize("'{0}' is a provider's id; choose another name.", name);
  }
  if (otherNames.some((other) => other.toLowerCase() === name.toLowerCase())) {
    return localize("An endpoint named '{0}' exists already; choose another name, or edit it from Manage Providers.", name);
  }
  return undefined;
}

/** Azure's `api-version`: a dated version (`2024-10-21`, `2025-04-01-preview`) or the v1 API's `v1`, `latest`, `preview`. */
export function apiVersionProblem(value: string, localize: Localize): string | undefined {
  return /^(\d{4}-\d{2}-\d{2}(-preview)?|v1|latest|preview)$/.test(value.trim()) ? undefined : localize('An API version looks like 2024-10-21 or 2025-04-01-preview.');
}

/** Deployment names as typed: separated by commas or spaces, each once, in order. */
export function deploymentNames(value: string): string[] {
  return [...new Set(value.split(/[\s,]+/).filter((name) => name.length > 0))];
}

/** At least one deployment, each a name Azure allows (letters, digits, '-', '_', '.', up to 64). */
export function deploymentsProblem(value: string, localize: Localize): string | undefined {
  const names = deploymentNames(value);
  if (names.length === 0) {
    return localize('Enter at least one deployment name; separate several with commas.');
  }
  const bad = names.find((name) => !/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(name));
  return bad === undefined ? undefined : localize("'{0}' is not a deployment name: letters, digits, '-', '_' and '.' only.", bad);
}

/** A key as typed: no spaces inside (a pasted key with a line break or a label in front is a mistake). */
export function keyProblem(value: string, required: boolean, localize: Localize): string | undefined {
  const key = value.trim();
  if (key.length === 0) {
    return required ? localize('This provider needs a key; paste it here, or press Escape to cancel.') : undefined;
  }
  return /\s/.test(key) ? localize('A key has no spaces or line breaks; paste the key alone.') : undefined;
}

/** Headers as one line: `Name: value` pairs separated by ';' (a ';' inside a value stays when no `Name:` follows it). */
const pairSeparator = /\s*;\s*(?=[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*:)|\r?\n/;

export type HeadersReading = { headers: Record<string, string> } | { problem: string };

/** Reads `X-Team: blue; X-Route: eu`; empty text is no headers. Keys are refused: they go to secret storage. */
export function readHeaderPairs(text: string, localize: Localize): HeadersReading {
  const headers: Record<string, string> = {};
  const pairs = text.split(pairSeparator).map((pair) => pair.trim()).filter((pair) => pair.length > 0);
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    if (colon <= 0) {
      return { problem: localize("Write each header as Name: value, separated by ';' — '{0}' has no name.", pair) };
    }
    const name = pair.slice(0, colon).trim();
    const value = pair.slice(colon + 1).trim();
    if (isKeyHeader(name)) {
      return { problem: localize("'{0}' carries a key: give the key in the key step, where it is kept in secret storage, not in settings.", name) };
    }
    const problem = headerProblem(name, value);
    if (problem !== undefined) {
      return { problem: localize("The header '{0}' cannot be set here: {1}.", name, problem) };
    }
    if (Object.keys(headers).some((known) => known.toLowerCase() === name.toLowerCase())) {
      return { problem: localize("The header '{0}' is given twice.", name) };
    }
    headers[name] = value;
  }
  return { headers };
}

/** Headers as the headers step shows them again when editing. */
export function headerPairsText(headers: Readonly<Record<string, string>>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');
}
