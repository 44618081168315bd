/**
 * Secrets and environment variables in an MCP server's settings: `${secret:NAME}` is read from VS
 * Code's SecretStorage (key `switchboard.mcpSecret.<NAME>`, set with "Switchboard: Set MCP Server
 * Secret") and `${env:NAME}` from the extension host's environment. They may stand in `env`,
 * `headers`, `args` (servers that take a token as a flag) and a remote `url`. They are resolved
 * just before the server starts; the resolved config goes to the SDK and nowhere else, and a
 * problem names the secret, never its value.
 */

import type { SecretBackend } from '../../secrets';
import { Emitter, type Event } from '../../event';
import { Disposable } from '../../lifecycle';
import type { McpServerConfig } from './mcpConfig';

/** A secret's name: what `${secret:NAME}` holds and the Set command asks for. */
export const mcpSecretNamePattern = /^[A-Za-z0-9_.-]+$/;

const secretKeyPrefix = 'switchboard.mcpSecret.';
const reference = /\$\{(secret|env):([^}]*)\}/g;

/** The command that stores a secret, as a problem tells the user to run it. */
export const setMcpSecretCommandTitle = 'Switchboard: Set MCP Server Secret';

/** The texts of a config that may hold references. */
function referenceTexts(config: McpServerConfig): string[] {
  if (config.type === 'stdio') {
    return [...config.args, ...Object.values(config.env).filter((value): value is string => value !== null)];
  }
  return [config.url, ...Object.values(config.headers)];
}

/** The `${secret:NAME}` names a server's config uses, sorted, each once. */
export function mcpSecretNames(config: McpServerConfig): string[] {
  const names = new Set<string>();
  for (const text of referenceTexts(config)) {
    for (const match of text.matchAll(reference)) {
      if (match[1] === 'secret') {
        names.add(match[2] ?? '');
      }
    }
  }
  return [...names].sort();
}

export type McpSecretResolution =
  /** `secrets`: the values filled in, for the log and problems to blot out should a server echo one. */
  | { config: McpServerConfig; secrets: string[]; problem?: undefined }
  | { config?: undefined; secrets?: undefined; problem: string };

/**
 * The config with every reference replaced. A missing or badly named secret is a problem (the
 * server does not start); an unset environment variable is empty, as VS Code's own `${env:…}` is.
 */
export async function resolveMcpSecrets(
  config: McpServerConfig,
  readSecret: (name: string) => Promise<string | undefined>,
  environment: NodeJS.ProcessEnv = process.env,
): Promise<McpSecretResolution> {
  const secrets = new Map<string, string>();
  for (const name of mcpSecretNames(config)) {
    if (!mcpSecretNamePattern.test(name)) {
      return { problem: `The MCP server '${config.name}' refers to \${secret:${name}}, which is not a valid secret name (letters, digits, _ . -).` };
    }
    const value = await readSecret(name);
    if (value === undefined || value.length === 0) {
      return { problem: `The MCP server '${config.name}' needs the secret ${name}, which is not set: run '${setMcpSecretCommandTitle}' and enter ${name}.` };
    }
    secrets.set(name, value);
  }
  const substitute = (text: string): string =>
    text.replace(reference, (_whole, kind: string, name: string) => (kind === 'secret' ? (secrets.get(name) ?? '') : (environment[name] ?? '')));
  if (config.type === 'stdio') {
    const env: Record<string, string | null> = {};
    for (const [name, value] of Object.entries(config.env)) {
      env[name] = value === null ? null : substitute(value);
    }
    return { config: { ...config, args: config.args.map(substitute), env }, secrets: [...secrets.values()] };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.headers)) {
    const resolved = substitute(value);
    // fetch would throw a message quoting the value; say which header instead.
    if (/[\r\n\0]/.test(resolved)) {
      return { problem: `The MCP server '${config.name}': the header ${name} holds a line break once its secrets are filled in; set the secret again without one.` };
    }
    headers[name] = resolved;
  }
  return { config: { ...config, url: substitute(config.url), headers }, secrets: [...secrets.values()] };
}

/** `text` with every secret value in it replaced by `***`. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    // A very short secret would blot out ordinary words; such a value protects nothing anyway.
    if (secret.length >= 4) {
      result = result.split(secret).join('***');
    }
  }
  return result;
}

/** MCP secrets in SecretStorage, beside (never mixed with) the API keys of `secrets.ts`. */
export class McpSecretStore extends Disposable {
  private readonly changed = this._register(new Emitter<string>());
  /** Fires with the name of a secret stored, replaced or deleted (also from another window). */
  readonly onDidChange: Event<string> = this.changed.event;

  constructor(private readonly backend: SecretBackend) {
    super();
    this._register(
      backend.onDidChange(({ key }) => {
        if (key.startsWith(secretKeyPrefix)) {
          this.changed.fire(key.slice(secretKeyPrefix.length));
        }
      }),
    );
  }

  async get(name: string): Promise<string | undefined> {
    const value = await this.backend.get(secretKeyPrefix + name);
    return value === undefined || value.length === 0 ? undefined : value;
  }

  async set(name: string, value: string): Promise<void> {
    if (!mcpSecretNamePattern.test(name)) {
      throw new Error(`'${name}' is not a valid secret name (letters, digits, _ . -).`);
    }
    if (value.length === 0) {
      throw new Error('A secret cannot be empty.');
    }
    await this.backend.store(secretKeyPrefix + name, value);
  }

  async clear(name: string): Promise<void> {
    await this.backend.delete(secretKeyPrefix + name);
  }

  /** The names of the stored secrets, sorted (SecretStorage's own key list is the index). */
  async names(): Promise<string[]> {
    const keys = await this.backend.keys();
    return keys
      .filter((key) => key.startsWith(secretKeyPrefix))
      .map((key) => key.slice(secretKeyPrefix.length))
      .sort();
  }
}
