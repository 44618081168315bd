/**
 * A typed, read-on-demand view of the `switchboard.*` settings, mirroring `contributes.configuration`
 * in package.json (a test keeps the two in step). Settings are user-written JSON: anything
 * malformed is left out and described in `problems` (the shell logs them), never thrown.
 * No setting holds a key: keys live in SecretStorage (`secrets.ts`).
 */

import { isRecord } from '../core';
import { chatSettingNames, readChatSettings, type ChatSettings } from './chatSettings';
import { readToolSettings, toolSettingNames, type ToolSettings } from './toolSettings';
import { nonEmptyString, readBaseUrl, readCapabilities, readHeaders, readModels, type ConfigurationSource } from './configFields';
import { canonicalProviderId, modelServer } from './modelAddress';
import { httpSettingNames, readHttpConfig, readNetworkOverrides, type HttpConfig, type NetworkOverrides } from './networkConfig';
import { readCloudSettings, type CloudSettings } from './cloudSettings';

/** `switchboard.providers.<id>`: where a provider lives, how to reach it, and what its models can do. */
export interface ProviderOverrides extends NetworkOverrides, CloudSettings {
  baseUrl?: string;
  headers?: Record<string, string>;
  apiVersion?: string;
  /** Models to offer (Azure: deployment names), besides what the provider lists. */
  models?: string[];
  /** Whether the provider's models accept images, when the catalogue does not know. */
  supportsVision?: boolean;
  /** Context window in tokens, for models the catalogue does not know. */
  contextWindow?: number;
}

/** One entry of `switchboard.customEndpoints`: a named OpenAI-compatible server. */
export interface CustomEndpoint extends NetworkOverrides {
  /** The prefix of its models: `<name>/<model>`. */
  name: string;
  baseUrl: string;
  models: string[];
  headers: Record<string, string>;
  supportsVision?: boolean;
  contextWindow?: number;
}

export interface SwitchboardConfig {
  /** `provider/model`, or undefined when unset. */
  defaultModel: string | undefined;
  /** Keyed by the provider's canonical id (aliases such as `together_ai` are folded in). */
  providers: Record<string, ProviderOverrides>;
  customEndpoints: CustomEndpoint[];
  /** `switchboard.http.*` with VS Code's `http.*` (proxy, NO_PROXY, certificates) folded in. */
  http: HttpConfig;
  /** `switchboard.chat.*` and `switchboard.modelDefaults`. */
  chat: ChatSettings;
  /** `switchboard.tools.*`. */
  tools: ToolSettings;
}

export interface ConfigReading {
  config: SwitchboardConfig;
  /** What was left out and why, for the log (never a header value). */
  problems: string[];
}

/** The settings' names under `switchboard.` (package.json's `contributes.configuration`). */
export const settingNames = {
  defaultModel: 'defaultModel',
  providers: 'providers',
  customEndpoints: 'customEndpoints',
  apiEnabled: 'api.enabled',
  languageModelsEnabled: 'languageModels.enabled',
  httpProxy: httpSettingNames.proxy,
  httpCaCertificates: httpSettingNames.caCertificates,
  ...chatSettingNames,
  ...toolSettingNames,
  /** Read by `tools/mcp/mcpConfig.ts` (the user's value only). */
  mcpServers: 'mcpServers',
} as const;

export const configurationSection = 'switchboard';

/** A custom endpoint's name: a model prefix, so no slash, and not a provider's id. */
export const endpointNamePattern = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `provider/model` (the provider part as `endpointNamePattern` allows, the model anything non-empty). */
const modelPattern = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/\S.*$/;

function readProviders(value: unknown, problems: string[], home: string | undefined): Record<string, ProviderOverrides> {
  const providers: Record<string, ProviderOverrides> = {};
  if (value === undefined) {
    return providers;
  }
  if (!isRecord(value)) {
    problems.push('switchboard.providers is not an object keyed by provider id; ignored.');
    return providers;
  }
  for (const [key, entry] of Object.entries(value)) {
    const where = `switchboard.providers.${key}`;
    const id = canonicalProviderId(key);
    if (id === undefined) {
      problems.push(`${where}: unknown provider '${key}'; ignored.`);
      continue;
    }
    if (!isRecord(entry)) {
      problems.push(`${where} is not an object; ignored.`);
      continue;
    }
    const overrides: ProviderOverrides = { ...providers[id] };
    const baseUrl = readBaseUrl(entry['baseUrl'], where, problems);
    if (baseUrl !== undefined) {
      overrides.baseUrl = baseUrl;
    }
    if (entry['headers'] !== undefined) {
      overrides.headers = { ...overrides.headers, ...readHeaders(entry['headers'], where, problems) };
    }
    const apiVersion = nonEmptyString(entry['apiVersion']);
    if (apiVersion !== undefined) {
      overrides.apiVersion = apiVersion;
    } else if (entry['apiVersion'] !== undefined) {
      problems.push(`${where}.apiVersion is not a string; ignored.`);
    }
    if (entry['models'] !== undefined) {
      overrides.models = [...new Set([...(overrides.models ?? []), ...readModels(entry['models'], where, problems)])];
    }
    Object.assign(overrides, readCapabilities(entry, where, problems), readNetworkOverrides(entry, where, problems, home), readCloudSettings(id, entry, where, problems));
    providers[id] = overrides;
  }
  return providers;
}

function readEndpoint(entry: unknown, position: number, taken: Set<string>, problems: string[], home: string | undefined): CustomEndpoint | undefined {
  const where = `switchboard.customEndpoints[${position}]`;
  if (!isRecord(entry)) {
    problems.push(`${where} is not an object; ignored.`);
    return undefined;
  }
  const name = nonEmptyString(entry['name']);
  if (name === undefined || !endpointNamePattern.test(name)) {
    problems.push(`${where}.name must be letters, digits, '.', '_' or '-' (it becomes the model prefix); entry ignored.`);
    return undefined;
  }
  if (canonicalProviderId(name) !== undefined) {
    problems.push(`${where}.name '${name}' is a provider's id; choose another name. Entry ignored.`);
    return undefined;
  }
  if (taken.has(name.toLowerCase())) {
    problems.push(`${where}.name '${name}' is used twice; the later entry is ignored.`);
    return undefined;
  }
  const baseUrl = readBaseUrl(entry['baseUrl'], where, problems);
  if (baseUrl === undefined) {
    problems.push(`${where} ('${name}') has no valid baseUrl; entry ignored.`);
    return undefined;
  }
  taken.add(name.toLowerCase());
  return {
    name,
    baseUrl,
    models: readModels(entry['models'], where, problems),
    headers: readHeaders(entry['headers'], where, problems),
    ...readCapabilities(entry, where, problems),
    ...readNetworkOverrides(entry, where, problems, home),
  };
}

function readEndpoints(value: unknown, problems: string[], home: string | undefined): CustomEndpoint[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push('switchboard.customEndpoints is not an array; ignored.');
    return [];
  }
  const taken = new Set<string>();
  const endpoints = (value as unknown[]).map((entry, position) => readEndpoint(entry, position, taken, problems, home)).filter((endpoint): endpoint is CustomEndpoint => endpoint !== undefined);
  warnSharedBases(endpoints, problems);
  return endpoints;
}

/**
 * Endpoints reach the core by their base URL, which is what their headers, proxy and certificates
 * are found by; two entries at one URL share the first one's. Said, so nobody expects otherwise.
 */
function warnSharedBases(endpoints: readonly CustomEndpoint[], problems: string[]): void {
  const settingsOf = (endpoint: CustomEndpoint): string => JSON.stringify([endpoint.headers, endpoint.proxy, endpoint.caCertificates, endpoint.strictSSL]);
  endpoints.forEach((endpoint, index) => {
    const first = endpoints.slice(0, index).find((earlier) => earlier.baseUrl.toLowerCase() === endpoint.baseUrl.toLowerCase());
    if (first !== undefined && settingsOf(first) !== settingsOf(endpoint)) {
      problems.push(`switchboard.customEndpoints '${endpoint.name}' has the base URL of '${first.name}' but other settings; requests to that URL use the headers, proxy and certificates of '${first.name}'.`);
    }
  });
}

function readDefaultModel(value: unknown, problems: string[]): string | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const model = nonEmptyString(value);
  if (model === undefined || !modelPattern.test(model)) {
    problems.push(`switchboard.defaultModel must be written 'provider/model' (e.g. 'openai/gpt-4o-mini'); ignored.`);
    return undefined;
  }
  return model;
}

export interface ReadConfigOptions {
  /** VS Code's `http.*` settings (`proxy`, `noProxy`, `proxyStrictSSL`, `proxyAuthorization`, `proxySupport`). */
  http?: ConfigurationSource;
  /** What `~` in a certificate path means; the user's home directory by default. */
  home?: string;
}

/** Reads and checks every `switchboard.*` setting now (settings can change at any time: read on demand). */
export function readConfig(source: ConfigurationSource, options: ReadConfigOptions = {}): ConfigReading {
  const problems: string[] = [];
  const config: SwitchboardConfig = {
    defaultModel: readDefaultModel(source.get<unknown>(settingNames.defaultModel), problems),
    providers: readProviders(source.get<unknown>(settingNames.providers), problems, options.home),
    customEndpoints: readEndpoints(source.get<unknown>(settingNames.customEndpoints), problems, options.home),
    http: readHttpConfig(source, options.http, problems, options.home),
    chat: readChatSettings(source, problems),
    tools: readToolSettings(source, problems),
  };
  const apiEnabled = source.get<unknown>(settingNames.apiEnabled);
  if (apiEnabled !== undefined && typeof apiEnabled !== 'boolean') {
    problems.push('switchboard.api.enabled is not true or false; the API stays on.');
  }
  const languageModelsEnabled = source.get<unknown>(settingNames.languageModelsEnabled);
  if (languageModelsEnabled !== undefined && typeof languageModelsEnabled !== 'boolean') {
    problems.push("switchboard.languageModels.enabled is not true or false; the models stay offered to VS Code.");
  }
  if (config.defaultModel !== undefined && modelServer(config.defaultModel, config.customEndpoints) === undefined) {
    problems.push(`switchboard.defaultModel '${config.defaultModel ?? ''}' names neither a provider nor a custom endpoint; ignored.`);
    config.defaultModel = undefined;
  }
  return { config, problems };
}

/**
 * `switchboard.api.enabled`: whether other extensions may use Switchboard's API and commands
 * (default true). Anything but `false` leaves it on; a non-boolean is reported by `readConfig`.
 */
export function readApiEnabled(source: ConfigurationSource): boolean {
  return source.get<unknown>(settingNames.apiEnabled) !== false;
}

/**
 * `switchboard.languageModels.enabled`: whether the models are offered to VS Code's language-model
 * API (the `switchboard` vendor), the second door other extensions can use. On unless turned off.
 */
export function readLanguageModelsEnabled(source: ConfigurationSource): boolean {
  return source.get<unknown>(settingNames.languageModelsEnabled) !== false;
}
