/**
 * API keys in VS Code's SecretStorage (the OS keychain), one per provider and one per custom
 * endpoint. Keys are read late — per request — so a new key works without a reload, and they
 * never leave this module except towards the core's request (the webview learns `hasKey` at most).
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
        if (key.startsWith(secretPrefix)) {
          this.changed.fire(key.slice(secretPrefix.length));
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

  async clear(owner: KeyOwner): Promise<void> {
    await this.backend.delete(secretPrefix + owner);
  }

  /** Owners that have a stored key, sorted. */
  async owners(): Promise<KeyOwner[]> {
    const keys = await this.backend.keys();
    return keys
      .filter((key) => key.startsWith(secretPrefix))
      .map((key) => key.slice(secretPrefix.length))
      .sort();
  }
}
