/**
 * Readers for the fields `switchboard.providers.<id>` and `switchboard.customEndpoints[]` share:
 * each returns the well-formed value, or leaves it out and says why in `problems`.
 */

import { headerProblem, isKeyHeader, isRecord } from '../core';

/** Reads one setting of a section (`switchboard.`, VS Code's `http.`); `vscode.WorkspaceConfiguration` fits this. */
export interface ConfigurationSource {
  get<T>(section: string): T | undefined;
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : undefined;
}

/**
 * A `headers` object: each well-formed header kept, the rest left out and said in `problems`. Key
 * headers are refused (`credentials: 'refused'`, providers and endpoints: keys go in SecretStorage)
 * unless the caller takes them (`'allowed'`: an MCP server's token, written as `${secret:…}`).
 */
export function readHeaders(value: unknown, where: string, problems: string[], options: { credentials: 'refused' | 'allowed' } = { credentials: 'refused' }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (value === undefined) {
    return headers;
  }
  if (!isRecord(value)) {
    problems.push(`${where}.headers is not an object of strings; ignored.`);
    return headers;
  }
  for (const [name, headerValue] of Object.entries(value)) {
    const problem = headerProblem(name, headerValue);
    // A key belongs in SecretStorage ("Set API Key"), never in a settings file that is synced,
    // shared in screenshots or committed with a workspace.
    if (options.credentials === 'refused' && isKeyHeader(name)) {
      problems.push(`${where}.headers.${name} looks like a credential; ignored. Store keys with 'Switchboard: Set API Key'.`);
    } else if (problem !== undefined) {
      problems.push(`${where}.headers.${name}: ${problem}; ignored.`);
    } else {
      headers[name] = headerValue as string;
    }
  }
  return headers;
}

export function readBaseUrl(value: unknown, where: string, problems: string[]): string | undefined {
  const text = nonEmptyString(value);
  if (value !== undefined && text === undefined) {
    problems.push(`${where}.baseUrl is not a URL; ignored.`);
    return undefined;
  }
  if (text === undefined) {
    return undefined;
  }
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') {
      return text.replace(/\/+$/, '');
    }
  } catch {
    // Reported below.
  }
  problems.push(`${where}.baseUrl '${text}' is not an http(s) URL; ignored.`);
  return undefined;
}

export function readModels(value: unknown, where: string, problems: string[]): string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.push(`${where}.models is not an array of model names; ignored.`);
    return [];
  }
  const models: string[] = [];
  for (const item of value as unknown[]) {
    const model = nonEmptyString(item);
    if (model === undefined) {
      problems.push(`${where}.models has an entry that is not a model name; ignored.`);
    } else if (!models.includes(model)) {
      models.push(model);
    }
  }
  return models;
}

export function readCapabilities(entry: Record<string, unknown>, where: string, problems: string[]): { supportsVision?: boolean; contextWindow?: number } {
  const capabilities: { supportsVision?: boolean; contextWindow?: number } = {};
  const vision = entry['supportsVision'];
  if (typeof vision === 'boolean') {
    capabilities.supportsVision = vision;
  } else if (vision !== undefined) {
    problems.push(`${where}.supportsVision is not true or false; ignored.`);
  }
  const window = entry['contextWindow'];
  if (typeof window === 'number' && Number.isInteger(window) && window > 0) {
    capabilities.contextWindow = window;
  } else if (window !== undefined) {
    problems.push(`${where}.contextWindow is not a positive whole number; ignored.`);
  }
  return capabilities;
}

/** A true-or-false setting: its value, or `fallback` when unset or malformed (said in `problems`). */
export function readBooleanSetting(source: ConfigurationSource, name: string, fallback: boolean, problems: string[]): boolean {
  const value = source.get<unknown>(name);
  if (value === undefined) {
    return fallback;
  }
  if (typeof value !== 'boolean') {
    problems.push(`switchboard.${name} is not true or false; ${String(fallback)} is used.`);
    return fallback;
  }
  return value;
}
