/**
 * The connection test's first step: what a request for the target would use — the base URL, the
 * route (which proxy and why, or why direct), the certificates it trusts and whether a key is at
 * hand — from the same settings, environment and choices a request makes.
 */

import { firstSetVariable, type Environment } from '../environment';
import { errorMessage } from '../errors';
import { describeProxy } from '../http/proxyUrl';
import { chooseNetwork } from '../http/network';
import type { NetworkChoice } from '../http/networkTypes';
import { loadTrustedCertificates } from '../http/trustedCertificates';
import type { ProviderDefinition, ProviderLookup, ProviderSettings } from '../providers/types';
import { splitModelName } from '../modelName';
import { configuredApiBase, normalizedBase } from '../router';
import type { CallOptions } from '../types';
import { cloudCredentials, type CloudCredentials, type KeySource } from './credentials';
import type { ConnectionStep } from './types';


export interface ConnectionPlan {
  definition: ProviderDefinition;
  /** The base URL, parsed. */
  target: URL;
  choice: NetworkChoice;
  /** The certificates a TLS handshake trusts; undefined: Node's default store (roots + NODE_EXTRA_CA_CERTS). */
  ca: string[] | undefined;
  key: KeySource;
  /** Present when requests are signed with cloud credentials (AWS, Google Cloud) rather than sent with a key. */
  cloud: CloudCredentials | undefined;
}

export interface PlanDependencies {
  providers: ProviderLookup;
  providerSettings: (provider: string, call: { api_base?: string }) => ProviderSettings | undefined;
  getApiKey: (provider: string) => Promise<string | undefined>;
  env: Environment;
  /** The call's cloud credentials (AWS keys or profile, a Vertex credentials JSON) are the program's configured ones, not the caller's. */
  configuredCredentials?: boolean;
}

export interface PlanResult {
  provider: string;
  providerName: string;
  url: string;
  step: ConnectionStep;
  /** Absent when the step failed, or when the provider works offline (nothing to connect to). */
  plan?: ConnectionPlan;
}

const sourceWords = { call: 'the call', settings: 'the settings', environment: 'the environment', default: 'the defaults' } as const;

function routeWords(choice: NetworkChoice): string {
  if (choice.proxy !== undefined) {
    const origin = choice.proxy.source === 'environment' ? 'HTTPS_PROXY / HTTP_PROXY' : sourceWords[choice.proxy.source];
    return `through the proxy ${describeProxy(choice.proxy.url)} (from ${origin})`;
  }
  return `directly (${choice.directBecause ?? 'no proxy configured'})`;
}

function trustWords(target: URL, choice: NetworkChoice, env: Environment): string {
  if (target.protocol !== 'https:') {
    return 'Plain HTTP: no certificates involved.';
  }
  if (!choice.tls.verify) {
    return `Certificates are NOT checked (turned off in ${sourceWords[choice.tls.source]}).`;
  }
  const extra = env['NODE_EXTRA_CA_CERTS']?.trim() ? ' and NODE_EXTRA_CA_CERTS' : '';
  const files = choice.tls.caFiles.length === 0 ? '' : `, plus ${choice.tls.caFiles.join(', ')} (from ${sourceWords[choice.tls.source]})`;
  return `Certificates are checked against Node's roots${extra}${files}.`;
}

function keyWords(definition: ProviderDefinition, key: KeySource): string {
  switch (key.kind) {
    case 'call':
      return "Key: the call's api_key.";
    case 'stored':
      return 'Key: the stored one.';
    case 'environment':
      return `Key: from ${key.variable}.`;
    default:
      return key.required ? `Key: none, and ${definition.displayName} needs one.` : 'Key: none (none needed).';
  }
}

async function keySource(definition: ProviderDefinition, options: CallOptions, dependencies: PlanDependencies): Promise<KeySource> {
  if (options.api_key !== undefined && options.api_key.length > 0) {
    return { kind: 'call' };
  }
  if (options.api_key === undefined && (await dependencies.getApiKey(definition.id)) !== undefined) {
    return { kind: 'stored' };
  }
  const variable = options.api_key === undefined ? firstSetVariable(dependencies.env, definition.apiKeyEnv) : undefined;
  return variable === undefined ? { kind: 'none', required: definition.keyRequired } : { kind: 'environment', variable };
}

function failed(provider: string, providerName: string, url: string, summary: string, detail?: string): PlanResult {
  return { provider, providerName, url, step: { name: 'settings', outcome: 'failed', summary, ...(detail === undefined ? {} : { detail }) } };
}

/** The settings step: everything decided before the first packet. */
export async function planConnection(target: string, options: CallOptions, dependencies: PlanDependencies): Promise<PlanResult> {
  const name = target.trim();
  const prefix = splitModelName(name)?.provider ?? name;
  const definition = dependencies.providers.find(prefix);
  if (definition === undefined) {
    const known = dependencies.providers
      .all()
      .map((provider) => provider.id)
      .join(', ');
    return failed(prefix, prefix, '', `There is no provider '${prefix}'.`, `Known providers: ${known}.`);
  }
  const { id, displayName } = definition;
  if (definition.offline === true) {
    return { provider: id, providerName: displayName, url: '', step: { name: 'settings', outcome: 'passed', summary: `${displayName} answers without a network: there is no connection to test.` } };
  }
  const settings = dependencies.providerSettings(id, { api_base: options.api_base });
  const key = await keySource(definition, options, dependencies);
  const configured = normalizedBase(definition, configuredApiBase(definition, options, settings, dependencies.env));
  const cloud = configured === '' ? undefined : cloudCredentials(definition, splitModelName(name)?.modelId ?? '', configured, options, key, dependencies.env, dependencies.configuredCredentials === true);
  const url = cloud?.url ?? configured;
  if (url === '') {
    const variable = definition.apiBaseEnv?.[0];
    return failed(id, displayName, '', `${displayName} has no base URL.`, `Set one in the provider's settings${variable === undefined ? '' : ` or in ${variable}`}.`);
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return failed(id, displayName, '', 'The base URL is not a URL.', 'Check the provider settings.');
  }
  if (parsed.username !== '' || parsed.password !== '') {
    // A base URL may carry user:pass; the report never does.
    return failed(id, displayName, '', 'The base URL holds a user name or password, which requests do not send.', 'Remove them from the URL; a key goes in the key store (or api_key), never in the URL.');
  }
  let choice: NetworkChoice;
  let ca: string[] | undefined;
  try {
    choice = chooseNetwork(parsed, { proxy: options.proxy, ssl_verify: options.ssl_verify }, settings?.network, dependencies.env);
    const needsFiles = parsed.protocol === 'https:' && choice.tls.verify && choice.tls.caFiles.length > 0;
    ca = needsFiles ? await loadTrustedCertificates(choice.tls.caFiles, dependencies.env, choice.tls.source) : undefined;
  } catch (error) {
    return failed(id, displayName, url, errorMessage(error), 'Fix the setting it names, then test again.');
  }
  const step: ConnectionStep = {
    name: 'settings',
    outcome: 'passed',
    summary: `Requests for ${displayName} go to ${url} ${routeWords(choice)}.`,
    detail: `${trustWords(parsed, choice, dependencies.env)} ${cloud?.words ?? keyWords(definition, key)}`,
  };
  return { provider: id, providerName: displayName, url, step, plan: { definition, target: parsed, choice, ca, key, cloud } };
}
