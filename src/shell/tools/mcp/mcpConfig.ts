/**
 * `switchboard.mcpServers`, read and checked like every other setting: the shape of the `servers`
 * object of VS Code's `mcp.json`. A malformed server is left out and said in `problems`, never
 * thrown. Values keep their `${secret:NAME}` and `${env:NAME}` references: `mcpSecrets.ts` resolves
 * them when the server starts, so a secret never sits in a config object that might be logged.
 */

import { homedir } from 'node:os';
import { expandHome, isKeyHeader, isRecord } from '../../../core';
import { readHeaders } from '../../configFields';

interface McpServerCommon {
  /** The key in `switchboard.mcpServers`: the tools' source label and part of their model names. */
  name: string;
}

/** A local server: a process speaking MCP on its stdin and stdout. */
export interface McpStdioServerConfig extends McpServerCommon {
  type: 'stdio';
  command: string;
  args: string[];
  /** Variables added to the process's environment (the SDK passes on only PATH, HOME and a few more of the host's); null empties one. */
  env: Record<string, string | null>;
  /** Absolute, with `~` already expanded; undefined runs it in the extension host's folder. */
  cwd: string | undefined;
}

/** A remote server: Streamable HTTP (falling back to SSE) for `http`, SSE alone for `sse`. */
export interface McpRemoteServerConfig extends McpServerCommon {
  type: 'http' | 'sse';
  url: string;
  headers: Record<string, string>;
}

export type McpServerConfig = McpStdioServerConfig | McpRemoteServerConfig;

export const mcpServersSetting = 'switchboard.mcpServers';

const serverTypes = ['stdio', 'http', 'sse'] as const;

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value] : undefined;
}

function readEnv(value: unknown, where: string, problems: string[]): Record<string, string | null> {
  const env: Record<string, string | null> = {};
  if (value === undefined) {
    return env;
  }
  if (!isRecord(value)) {
    problems.push(`${where}.env is not an object of strings; ignored.`);
    return env;
  }
  for (const [name, variable] of Object.entries(value)) {
    if (name.length === 0 || name.includes('=') || name.includes('\0')) {
      problems.push(`${where}.env has a variable name that cannot be set ('${name}'); ignored.`);
    } else if (typeof variable === 'string' || variable === null) {
      env[name] = variable;
    } else {
      problems.push(`${where}.env.${name} is not a string; ignored.`);
    }
  }
  return env;
}

/** The shared header reader, credentials allowed (a remote server needs its token), with a nudge toward `${secret:…}`. */
function readMcpHeaders(value: unknown, where: string, problems: string[]): Record<string, string> {
  const headers = readHeaders(value, where, problems, { credentials: 'allowed' });
  for (const [name, text] of Object.entries(headers)) {
    // Still sent (the server needs it), but a token in a synced settings file deserves a nudge.
    if (isKeyHeader(name) && !text.includes('${secret:')) {
      problems.push(`${where}.headers.${name} holds a credential in your settings; store it with 'Switchboard: Set MCP Server Secret' and write \${secret:NAME} instead.`);
    }
  }
  return headers;
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

function readType(entry: Record<string, unknown>, where: string, problems: string[]): McpServerConfig['type'] | undefined {
  const type = entry['type'];
  if (type === undefined) {
    if (typeof entry['command'] === 'string') {
      return 'stdio';
    }
    if (typeof entry['url'] === 'string') {
      return 'http';
    }
    problems.push(`${where} has neither a command (a local server) nor a url (a remote one); left out.`);
    return undefined;
  }
  if (typeof type !== 'string' || !(serverTypes as readonly string[]).includes(type)) {
    problems.push(`${where}.type is not one of ${serverTypes.join(', ')}; left out.`);
    return undefined;
  }
  return type as McpServerConfig['type'];
}

function readStdio(name: string, entry: Record<string, unknown>, where: string, home: string, problems: string[]): McpStdioServerConfig | undefined {
  const command = entry['command'];
  if (typeof command !== 'string' || command.trim().length === 0) {
    problems.push(`${where}.command is not a program to run; left out.`);
    return undefined;
  }
  const args = entry['args'] === undefined ? [] : stringList(entry['args']);
  if (args === undefined) {
    problems.push(`${where}.args is not a list of strings; left out.`);
    return undefined;
  }
  if (entry['envFile'] !== undefined) {
    problems.push(`${where}.envFile is not supported; write the variables in env (secrets as \${secret:NAME}). The server starts without it.`);
  }
  let cwd: string | undefined;
  if (entry['cwd'] !== undefined) {
    const expanded = typeof entry['cwd'] === 'string' ? expandHome(entry['cwd'].trim(), home) : '';
    if (!isAbsolutePath(expanded)) {
      problems.push(`${where}.cwd is not an absolute folder (or one under ~); left out.`);
      return undefined;
    }
    cwd = expanded;
  }
  return { name, type: 'stdio', command: command.trim(), args, env: readEnv(entry['env'], where, problems), cwd };
}

function readRemote(name: string, type: 'http' | 'sse', entry: Record<string, unknown>, where: string, problems: string[]): McpRemoteServerConfig | undefined {
  const url = typeof entry['url'] === 'string' ? entry['url'].trim() : '';
  // A `${secret:…}` in the URL is resolved at start; the scheme before it must already be clear.
  if (!/^https?:\/\/\S+$/i.test(url)) {
    problems.push(`${where}.url is not an http:// or https:// URL; left out.`);
    return undefined;
  }
  return { name, type, url, headers: readMcpHeaders(entry['headers'], where, problems) };
}

/** One server's entry, or undefined with the reason in `problems`. */
export function readMcpServer(name: string, entry: unknown, problems: string[], home: string = homedir()): McpServerConfig | undefined {
  const where = `${mcpServersSetting}.${name}`;
  if (name.trim().length === 0) {
    problems.push(`${mcpServersSetting} has a server without a name; left out.`);
    return undefined;
  }
  if (!isRecord(entry)) {
    problems.push(`${where} is not an object; left out.`);
    return undefined;
  }
  const type = readType(entry, where, problems);
  if (type === undefined) {
    return undefined;
  }
  return type === 'stdio' ? readStdio(name, entry, where, home, problems) : readRemote(name, type, entry, where, problems);
}

/** Every well-formed server of the setting's value, sorted by name. */
export function readMcpServers(value: unknown, problems: string[], home: string = homedir()): McpServerConfig[] {
  if (value === undefined || value === null) {
    return [];
  }
  if (!isRecord(value)) {
    problems.push(`${mcpServersSetting} is not an object of servers; no MCP servers are used.`);
    return [];
  }
  const servers: McpServerConfig[] = [];
  for (const [name, entry] of Object.entries(value)) {
    const server = readMcpServer(name, entry, problems, home);
    if (server !== undefined) {
      servers.push(server);
    }
  }
  return servers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** True when two configs would start the same server (a changed one is restarted). */
export function sameMcpServer(a: McpServerConfig, b: McpServerConfig): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
