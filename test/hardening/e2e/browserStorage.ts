/**
 * What the workbench keeps in the browser, read through the browser rather than from Chromium's
 * files (LevelDB may compress a value, so a raw search of its files alone could miss one):
 * localStorage, sessionStorage, and every IndexedDB database of the workbench's origin (VS Code
 * web keeps its state there — extensions' globalState, webview state, recent inputs).
 *
 * code-server keeps SecretStorage in localStorage under `secrets.provider`, sealed with AES-GCM
 * by a key the server mints (`/mint-key`; LocalStorageSecretStorageProvider in its workbench.js).
 * That entry is the secret store itself, the one place the key must be: it alone is left out.
 */

import type { Page } from 'playwright-core';

const secretStoreEntry = 'secrets.provider';

export interface BrowserStorageDump {
  /** One text per store: `localStorage`, `sessionStorage`, `indexedDB <name>`. */
  stores: { name: string; content: string }[];
  /** True when the secret store's entry exists (the key was stored where it belongs). */
  secretStorePresent: boolean;
}

export async function dumpBrowserStorage(page: Page): Promise<BrowserStorageDump> {
  return page.evaluate(async (secretKey) => {
    const entries = (storage: Storage, skip?: string): string =>
      JSON.stringify(
        Object.keys(storage)
          .filter((key) => key !== skip)
          .map((key) => [key, storage.getItem(key)]),
      );
    const text = (value: unknown): string =>
      JSON.stringify(value, (_key, field: unknown) => (field instanceof ArrayBuffer || ArrayBuffer.isView(field) ? new TextDecoder().decode(field instanceof ArrayBuffer ? field : new Uint8Array(field.buffer, field.byteOffset, field.byteLength)) : field));
    const request = <T>(operation: IDBRequest<T>): Promise<T> =>
      new Promise((resolve, reject) => {
        operation.onsuccess = () => resolve(operation.result);
        operation.onerror = () => reject(operation.error ?? new Error('IndexedDB request failed'));
      });
    const stores: { name: string; content: string }[] = [
      { name: 'localStorage', content: entries(localStorage, secretKey) },
      { name: 'sessionStorage', content: entries(sessionStorage) },
    ];
    for (const { name } of await indexedDB.databases()) {
      if (name === undefined) {
        continue;
      }
      const open = indexedDB.open(name);
      const database = await request(open);
      const parts: string[] = [];
      for (const storeName of Array.from(database.objectStoreNames)) {
        const store = database.transaction(storeName, 'readonly').objectStore(storeName);
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        parts.push(text({ store: storeName, keys, values }));
      }
      database.close();
      stores.push({ name: `indexedDB ${name}`, content: parts.join('\n') });
    }
    return { stores, secretStorePresent: localStorage.getItem(secretKey) !== null };
  }, secretStoreEntry);
}
