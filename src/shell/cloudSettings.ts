/**
 * The cloud providers' part of the extension's configuration: Bedrock's region and profile and
 * Vertex AI's project and location in `switchboard.providers.<id>` (nothing secret), their stored
 * credentials in SecretStorage (Bedrock's access keys as JSON, Vertex's credentials JSON as it
 * was read), and the core's per-call options made of both. Plain values, tested without VS Code.
 */

import type { CloudCallOptions } from '../core';
import { isRecord } from '../core';
import type { Localize } from './chat/localize';

type JsonObject = Readonly<Record<string, unknown>>;

function parseObject(text: string): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function stringField(record: JsonObject | undefined, name: string): string | undefined {
  const value = record?.[name];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Settings only a cloud provider reads, by provider. */
export const cloudSettingNames: Readonly<Record<string, readonly CloudSettingName[]>> = {
  bedrock: ['region', 'profile'],
  vertex_ai: ['project', 'location'],
};

export type CloudSettingName = 'region' | 'profile' | 'project' | 'location';

export type CloudSettings = Partial<Record<CloudSettingName, string>>;

const allCloudSettings: readonly CloudSettingName[] = ['region', 'profile', 'project', 'location'];

/** Region, location and project names are lower-case letters, digits and dashes; a profile is a name of the AWS files. */
const settingPatterns: Record<CloudSettingName, RegExp> = {
  region: /^[a-z]{2}(-[a-z]+)+-\d+$/,
  location: /^(global|[a-z]+(-[a-z]+\d+)?)$/,
  // Domain-scoped projects (`example.com:project`) keep their dots and colon.
  project: /^[a-z][a-z0-9.:-]{4,61}[a-z0-9]$/,
  profile: /^[\w+=,.@-]{1,128}$/,
};

/** Why a value cannot be the setting, or undefined when it can (the setup flow's validation too). */
export function cloudSettingProblem(name: CloudSettingName, value: string): string | undefined {
  return settingPatterns[name].test(value) ? undefined : `'${value}' is not a valid ${name}`;
}

/** The cloud settings of one `switchboard.providers.<id>` entry; a setting for another provider is a problem. */
export function readCloudSettings(providerId: string, entry: Readonly<Record<string, unknown>>, where: string, problems: string[]): CloudSettings {
  const own = cloudSettingNames[providerId] ?? [];
  const settings: CloudSettings = {};
  for (const name of allCloudSettings) {
    const value = entry[name];
    if (value === undefined) {
      continue;
    }
    if (!own.includes(name)) {
      problems.push(`${where}.${name} is read for ${Object.keys(cloudSettingNames).find((id) => cloudSettingNames[id]?.includes(name)) ?? 'another provider'} only; ignored.`);
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : undefined;
    const problem = text === undefined ? 'not a string' : cloudSettingProblem(name, text);
    if (text === undefined || problem !== undefined) {
      problems.push(`${where}.${name}: ${problem ?? 'not a string'}; ignored.`);
      continue;
    }
    settings[name] = text;
  }
  return settings;
}

/** AWS access keys as "Set API Key" stores them. */
export interface StoredAwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function awsKeysText(keys: StoredAwsKeys): string {
  return JSON.stringify(keys.sessionToken === undefined ? { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey } : keys);
}

/** The stored keys, or undefined when the text is not what `awsKeysText` wrote. */
export function readAwsKeys(text: string | undefined): StoredAwsKeys | undefined {
  const record = text === undefined ? undefined : parseObject(text);
  const accessKeyId = stringField(record, 'accessKeyId');
  const secretAccessKey = stringField(record, 'secretAccessKey');
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    return undefined;
  }
  const sessionToken = stringField(record, 'sessionToken');
  return sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken };
}

/** What a Google credentials JSON is, for the setup flow's checks and words (never its secret). */
export interface GoogleCredentialsSummary {
  type: string;
  /** The service account's e-mail, when it is one. */
  account?: string;
  project?: string;
}

const googleCredentialTypes = new Set(['service_account', 'authorized_user', 'external_account', 'impersonated_service_account', 'external_account_authorized_user']);

/**
 * The summary of a credentials JSON, or why it is not one google-auth-library signs in with, in
 * the user's words (`localize` is `vscode.l10n.t` in the setup flow).
 */
export function summarizeGoogleCredentials(text: string, localize: Localize): GoogleCredentialsSummary | string {
  const record = parseObject(text);
  if (record === undefined) {
    return localize('The file is not a JSON object.');
  }
  const type = stringField(record, 'type');
  if (type === undefined) {
    return localize('The file is not a Google Cloud credentials file (its "type" is missing).');
  }
  if (!googleCredentialTypes.has(type)) {
    return localize('The file is not a Google Cloud credentials file (its "type" is "{0}").', type);
  }
  if (type === 'service_account' && (stringField(record, 'client_email') === undefined || stringField(record, 'private_key') === undefined)) {
    return localize('The service-account file lacks its client_email or private_key.');
  }
  const summary: GoogleCredentialsSummary = { type };
  const account = stringField(record, 'client_email');
  const project = stringField(record, 'project_id') ?? stringField(record, 'quota_project_id');
  if (account !== undefined) {
    summary.account = account;
  }
  if (project !== undefined) {
    summary.project = project;
  }
  return summary;
}

/**
 * The core's per-call options for a cloud provider from its settings and stored credentials:
 * Bedrock's stored keys win over a configured profile (the setup flow keeps one of them), a
 * Vertex credentials JSON is passed as text (never written to a file).
 */
export function cloudOptionsFor(providerId: string, settings: CloudSettings | undefined, storedCredentials: string | undefined): CloudCallOptions | undefined {
  if (providerId === 'bedrock') {
    const options: CloudCallOptions = {};
    const keys = readAwsKeys(storedCredentials);
    if (settings?.region !== undefined) {
      options.aws_region_name = settings.region;
    }
    if (keys !== undefined) {
      options.aws_access_key_id = keys.accessKeyId;
      options.aws_secret_access_key = keys.secretAccessKey;
      if (keys.sessionToken !== undefined) {
        options.aws_session_token = keys.sessionToken;
      }
    } else if (settings?.profile !== undefined) {
      options.aws_profile_name = settings.profile;
    }
    return options;
  }
  if (providerId === 'vertex_ai') {
    const options: CloudCallOptions = {};
    if (settings?.project !== undefined) {
      options.vertex_project = settings.project;
    }
    if (settings?.location !== undefined) {
      options.vertex_location = settings.location;
    }
    if (storedCredentials !== undefined) {
      options.vertex_credentials = storedCredentials;
    }
    return options;
  }
  return undefined;
}
