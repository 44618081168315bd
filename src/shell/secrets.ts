/**
 * API keys in VS Code's SecretStorage (the OS keychain), one per provider and one per custom
 * endpoint, and a cloud provider's credentials beside its key (Bedrock's AWS access keys, Vertex
 * AI's service-account JSON). Read late — per request — so a new key works without a reload, and
 * they never leave this module except towards the core's request (the webview learns `hasKey` at
 * most). An owner "has a key" when either is stored; clearing an owner clears both.
 */

import { Emitter, type Event } from './event';
import { Disposable, type IDisposable } from './lifecycle';

/** What the store needs from `vscode.SecretStorage` (which fits structurally). */
export interface SecretBackend {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  keys(): PromiseLike<string[]>;
  onDidChange(listener: (event: { readonly key: string }) => unknown): IDisposable;
}

/**
 * Whose key it is: a provider's canonical id (`openai`), or `endpoint:<name>` for a custom
 * endpoint (names are case-insensitive, so the owner is lower-cased).
 */
export type KeyOwner = string;

const secretPrefix = 'apiKey/';
const cloudPrefix = 'cloudCredentials/';

/** The owner a secret's storage key belongs to, or undefined for a secret that is not ours. */
function ownerOfSecret(key: string): KeyOwner | undefined {
  for (const prefix of [secretPrefix, cloudPrefix]) {
    if (key.startsWith(prefix)) {
      return key.slice(prefix.length);
    }
  }
  return undefined;
}
const endpointPrefix = 'endpoint:';

export function providerKeyOwner(providerId: string): KeyOwner {
  return providerId.toLowerCase();
}

export function endpointKeyOwner(endpointName: string): KeyOwner {
  return `${endpointPrefix}${endpointName.toLowerCase()}`;
}

/** The endpoint name inside an owner, or undefined for a provider's owner. */
export function endpointOfOwner(owner: KeyOwner): string | undefined {
  return owner.startsWith(endpointPrefix) ? owner.slice(endpointPrefix.length) : undefined;
}

export class KeyStore extends Disposable {
  private readonly changed = this._register(new Emitter<KeyOwner>());
  /** Fires with the owner whose key was stored, replaced or deleted (also from another window). */
  readonly onDidChange: Event<KeyOwner> = this.changed.event;

  constructor(private readonly backend: SecretBackend) {
    super();
    this._register(
      backend.onDidChange(({ key }) => {
        const owner = ownerOfSecret(key);
        if (owner !== undefined) {
          this.changed.fire(owner);
        }
      }),
    );
  }

  /** The key now (read each time: never cached, so a change applies to the next request). */
  async get(owner: KeyOwner): Promise<string | undefined> {
    const key = await this.backend.get(secretPrefix + owner);
    return key === undefined || key.length === 0 ? undefined : key;
  }

  async set(owner: KeyOwner, key: string): Promise<void> {
    const trimmed = key.trim();
    if (trimmed.length === 0) {
      throw new Error('An API key cannot be empty.');
    }
    await this.backend.store(secretPrefix + owner, trimmed);
  }

  /** Forgets the owner's key and cloud credentials. */
  async clear(owner: KeyOwner): Promise<void> {
    await this.backend.delete(secretPrefix + owner);
    // Only when there are some: a delete is a change other windows hear about.
    if ((await this.backend.get(cloudPrefix + owner)) !== undefined) {
      await this.backend.delete(cloudPrefix + owner);
    }
  }

  /** Forgets the owner's API key only (its cloud credentials stay). */
  async clearKey(owner: KeyOwner): Promise<void> {
    await this.backend.delete(secretPrefix + owner);
  }

  /** A cloud provider's stored credentials (text: JSON), read each time as keys are. */
  async getCloudCredentials(owner: KeyOwner): Promise<string | undefined> {
    const text = await this.backend.get(cloudPrefix + owner);
    return text === undefined || text.length === 0 ? undefined : text;
  }

  async setCloudCredentials(owner: KeyOwner, text: string): Promise<void> {
    if (text.trim().length === 0) {
      throw new Error('Credentials cannot be empty.');
    }
    await this.backend.store(cloudPrefix + owner, text);
  }

  async clearCloudCredentials(owner: KeyOwner): Promise<void> {
    await this.backend.delete(cloudPrefix + owner);
  }

  /** Owners that have a stored key or cloud credentials, sorted, each once. */
  async owners(): Promise<KeyOwner[]> {
    const keys = await this.backend.keys();
    const owners = new Set(keys.map(ownerOfSecret).filter((owner): owner is KeyOwner => owner !== undefined));
    return [...owners].sort();
  }
}
