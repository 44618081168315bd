/**
 * What "Add Provider" and "Manage Providers" change, as data: given the user's current values of
 * `switchboard.providers` and `switchboard.customEndpoints` and the answers, the new values to
 * write (user settings only) and what happens to the key (SecretStorage only — a key is never a
 * setting). Everything else the user wrote by hand (other providers, other endpoints, an entry's
 * proxy or headers) is kept. Tested without VS Code; the command performs the writes.
 */

import { findProvider, isRecord } from '../../core';
import { patchedProviders } from '../providerSettingsPatch';
import { endpointKeyOwner, providerKeyOwner, type KeyOwner } from '../secrets';
import { azureResourceName, normalizedUrl } from './providerSetupChecks';
import { customEndpointChoice } from './providerSetupPlan';

/** The answers of the steps asked (a step not in the plan leaves its field undefined). */
export interface SetupAnswers {
  /** A provider's canonical id, or `customEndpointChoice`. */
  choiceId: string;
  endpointName?: string;
  baseUrl?: string;
  apiVersion?: string;
  deployments?: readonly string[];
  headers?: Readonly<Record<string, string>>;
  /** The key typed in; '' when the step was left empty. */
  key?: string;
}

/** The user's own (global) values now, as VS Code's `inspect().globalValue` gives them. */
export interface UserValues {
  providers: unknown;
  customEndpoints: unknown;
}

export type SettingName = 'providers' | 'customEndpoints';

export interface SettingsWrite {
  setting: SettingName;
  value: unknown;
}

export type KeyChange =
  /** `forget`: a renamed endpoint's key under its old name, which the new one replaces. */
  | { kind: 'set'; owner: KeyOwner; key: string; forget?: KeyOwner }
  /** The key step was left empty: whatever is stored stays. */
  | { kind: 'keep'; owner: KeyOwner }
  /** A renamed endpoint whose key step was left empty: its stored key follows it to the new name. */
  | { kind: 'move'; from: KeyOwner; to: KeyOwner };

/** Who was set up: what Test Connection checks and whose models the picker then shows. */
export type SetupSubject = { kind: 'provider'; providerId: string } | { kind: 'endpoint'; name: string };

export interface SetupWrites {
  writes: SettingsWrite[];
  key: KeyChange;
  subject: SetupSubject;
}

/** The fields of a provider's entry that the setup flows write (and Remove takes away again). */
export const writtenProviderFields = ['baseUrl', 'apiVersion', 'models', 'region', 'profile', 'project', 'location'] as const;

/** Azure's endpoint from a resource name or a URL. */
export function azureEndpoint(value: string): string {
  const trimmed = value.trim();
  return azureResourceName.test(trimmed) ? `https://${trimmed.toLowerCase()}.openai.azure.com` : normalizedUrl(trimmed);
}

/** True when `value` in the entry already is `next` (so nothing needs writing). */
function sameValue(value: unknown, next: unknown): boolean {
  return JSON.stringify(value) === JSON.stringify(next);
}

function keyChange(owner: KeyOwner, key: string | undefined, previousOwner?: KeyOwner): KeyChange {
  const typed = key?.trim() ?? '';
  if (typed.length > 0) {
    return previousOwner !== undefined && previousOwner !== owner ? { kind: 'set', owner, key: typed, forget: previousOwner } : { kind: 'set', owner, key: typed };
  }
  return previousOwner !== undefined && previousOwner !== owner ? { kind: 'move', from: previousOwner, to: owner } : { kind: 'keep', owner };
}

/** A provider's entry: base URL and API version only where they differ from the provider's own, Azure's deployments as `models`. */
function providerWrites(user: UserValues, answers: SetupAnswers): SetupWrites {
  const provider = findProvider(answers.choiceId);
  const providerId = provider?.id ?? answers.choiceId;
  const patch: Record<string, string | readonly string[] | undefined> = {};
  if (answers.baseUrl !== undefined) {
    const url = providerId === 'azure' ? azureEndpoint(answers.baseUrl) : normalizedUrl(answers.baseUrl);
    patch['baseUrl'] = provider?.defaultApiBase !== undefined && normalizedUrl(provider.defaultApiBase) === url ? undefined : url;
  }
  if (answers.apiVersion !== undefined) {
    const version = answers.apiVersion.trim();
    patch['apiVersion'] = version === provider?.defaultApiVersion ? undefined : version;
  }
  if (answers.deployments !== undefined) {
    patch['models'] = answers.deployments.length === 0 ? undefined : answers.deployments;
  }
  const next = patchedProviders(user.providers, providerId, patch);
  const writes: SettingsWrite[] = sameValue(user.providers ?? {}, next) ? [] : [{ setting: 'providers', value: next }];
  return { writes, key: keyChange(providerKeyOwner(providerId), answers.key), subject: { kind: 'provider', providerId } };
}

function endpointIndex(entries: readonly unknown[], name: string): number {
  return entries.findIndex((entry) => isRecord(entry) && typeof entry['name'] === 'string' && entry['name'].toLowerCase() === name.toLowerCase());
}

/** The user's endpoints as a list (anything else, which the reader ignores, counts as none). */
function endpointList(value: unknown): unknown[] {
  return Array.isArray(value) ? [...(value as unknown[])] : [];
}

/** A custom endpoint added, or (`editing`: its name before) changed in place with its other fields kept. */
function endpointWrites(user: UserValues, answers: SetupAnswers, editing: string | undefined): SetupWrites {
  const name = (answers.endpointName ?? '').trim();
  const entries = endpointList(user.customEndpoints);
  const at = editing === undefined ? -1 : endpointIndex(entries, editing);
  const previous = at >= 0 && isRecord(entries[at]) ? (entries[at]) : {};
  const entry: Record<string, unknown> = { ...previous, name, baseUrl: normalizedUrl(answers.baseUrl ?? '') };
  if (answers.headers !== undefined) {
    if (Object.keys(answers.headers).length === 0) {
      delete entry['headers'];
    } else {
      entry['headers'] = { ...answers.headers };
    }
  }
  if (at >= 0) {
    entries[at] = entry;
  } else {
    entries.push(entry);
  }
  const writes: SettingsWrite[] = sameValue(user.customEndpoints ?? [], entries) ? [] : [{ setting: 'customEndpoints', value: entries }];
  const previousOwner = editing === undefined ? undefined : endpointKeyOwner(editing);
  return { writes, key: keyChange(endpointKeyOwner(name), answers.key, previousOwner), subject: { kind: 'endpoint', name } };
}

/**
 * The settings to write and the key change for `answers`; `editingEndpoint` names the endpoint
 * being edited (Manage Providers), so it is changed in place and may be renamed.
 */
export function setupWrites(user: UserValues, answers: SetupAnswers, editingEndpoint?: string): SetupWrites {
  return answers.choiceId === customEndpointChoice ? endpointWrites(user, answers, editingEndpoint) : providerWrites(user, answers);
}

export interface Removal {
  writes: SettingsWrite[];
  /** Whose key and credentials are deleted. */
  owner: KeyOwner;
  /** Fields of a provider's entry that stay, because the user wrote them by hand (headers, proxy, …). */
  kept: string[];
}

/** Removing a provider: the fields the setup flows write, and its key; hand-written fields stay. */
export function providerRemoval(user: UserValues, providerId: string): Removal {
  const patch = Object.fromEntries(writtenProviderFields.map((field) => [field, undefined]));
  const next = patchedProviders(user.providers, providerId, patch);
  const entry = Object.entries(next).find(([name]) => findProvider(name)?.id === providerId)?.[1];
  const kept = isRecord(entry) ? Object.keys(entry) : [];
  const writes: SettingsWrite[] = sameValue(user.providers ?? {}, next) ? [] : [{ setting: 'providers', value: next }];
  return { writes, owner: providerKeyOwner(providerId), kept };
}

/** Removing a custom endpoint: its whole entry (all of it is that endpoint's), and its key. */
export function endpointRemoval(user: UserValues, name: string): Removal {
  const entries = endpointList(user.customEndpoints);
  const at = endpointIndex(entries, name);
  if (at >= 0) {
    entries.splice(at, 1);
  }
  return { writes: at >= 0 ? [{ setting: 'customEndpoints', value: entries }] : [], owner: endpointKeyOwner(name), kept: [] };
}
