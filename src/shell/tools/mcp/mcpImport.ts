/**
 * Turns VS Code's own MCP servers (the user's `mcp.json`, JSON with comments, and the legacy `mcp`
 * user setting) into entries of `switchboard.mcpServers`: the same shape, with each
 * `${input:ID}` (a value VS Code prompts for) written as `${secret:ID}` for SecretStorage, and
 * `${userHome}` as the home folder. VS Code-only keys (`dev`, `sandbox`, `gallery`) are dropped;
 * an entry that would not read back is left out and said.
 */

import { isRecord } from '../../../core';
import { mcpServersSetting, readMcpServer } from './mcpConfig';
import { mcpSecretNamePattern } from './mcpSecrets';

export interface McpImportSource {
  /** Where the servers came from, for problems: "mcp.json", "the mcp setting". */
  label: string;
  /** The parsed document: `{ servers: {…}, inputs: […] }`. */
  value: unknown;
}

export interface McpImportResult {
  /** Entries for `switchboard.mcpServers`, by name (the first source wins a name given twice). */
  servers: Record<string, Record<string, unknown>>;
  /** The secret names the imported servers use, sorted. */
  secrets: string[];
  problems: string[];
}

const copiedKeys = ['type', 'command', 'args', 'env', 'envFile', 'cwd', 'url', 'headers'] as const;

/** Parses JSON with comments and trailing commas, as VS Code writes its settings files. */
export function parseJsonc(text: string): unknown {
  let plain = '';
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] as string;
    if (inString) {
      plain += char;
      if (char === '\\') {
        plain += text[i + 1] ?? '';
        i += 1;
      } else if (char === '"') {
        inString = false;
      }
    } else if (char === '"') {
      inString = true;
      plain += char;
    } else if (char === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end - 1;
    } else if (char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else {
      plain += char;
    }
  }
  // A comma before a closing bracket, outside strings (string contents cannot hold a raw line
  // break, so the look-ahead never spans into one wrongly for the documents VS Code writes).
  return JSON.parse(plain.replace(/,(\s*[}\]])/g, '$1')) as unknown;
}

function secretName(id: string): string {
  const name = id.replace(/[^A-Za-z0-9_.-]/g, '_');
  return mcpSecretNamePattern.test(name) ? name : 'SECRET';
}

function convertValue(value: unknown, home: string, secrets: Set<string>): unknown {
  if (typeof value === 'string') {
    return value
      .replace(/\$\{input:([^}]*)\}/g, (_whole, id: string) => {
        const name = secretName(id);
        secrets.add(name);
        return `\${secret:${name}}`;
      })
      .replace(/\$\{userHome\}/g, home);
  }
  if (Array.isArray(value)) {
    return value.map((item) => convertValue(item, home, secrets));
  }
  if (isRecord(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, convertValue(item, home, secrets)]));
  }
  return value;
}

/** The servers of every source, converted; `home` replaces `${userHome}`. */
export function convertVsCodeMcpServers(sources: readonly McpImportSource[], home: string): McpImportResult {
  const result: McpImportResult = { servers: {}, secrets: [], problems: [] };
  const allSecrets = new Set<string>();
  for (const { label, value } of sources) {
    const servers = isRecord(value) ? value['servers'] : undefined;
    if (servers === undefined) {
      continue;
    }
    if (!isRecord(servers)) {
      result.problems.push(`The servers of ${label} are not an object; nothing imported from it.`);
      continue;
    }
    for (const [name, entry] of Object.entries(servers)) {
      if (name in result.servers) {
        result.problems.push(`${label}: '${name}' was already imported from another file; left out.`);
        continue;
      }
      if (!isRecord(entry)) {
        result.problems.push(`${label}: '${name}' is not an object; left out.`);
        continue;
      }
      const secrets = new Set<string>();
      const converted: Record<string, unknown> = {};
      for (const key of copiedKeys) {
        if (entry[key] !== undefined) {
          converted[key] = convertValue(entry[key], home, secrets);
        }
      }
      const problems: string[] = [];
      if (readMcpServer(name, converted, problems, home) === undefined) {
        result.problems.push(...problems.map((problem) => `${label}: ${problem.replace(`${mcpServersSetting}.`, '')}`));
        continue;
      }
      if (JSON.stringify(converted).includes('${workspaceFolder')) {
        result.problems.push(`${label}: '${name}' uses \${workspaceFolder}, which a server in your user settings has no value for; imported as written — edit it to a folder.`);
      }
      if (converted['envFile'] !== undefined) {
        result.problems.push(`${label}: '${name}' reads an envFile, which Switchboard does not; move its variables into env.`);
      }
      result.servers[name] = converted;
      secrets.forEach((secret) => allSecrets.add(secret));
    }
  }
  result.secrets = [...allSecrets].sort();
  return result;
}
