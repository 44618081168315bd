/**
 * The webview's side of the channel to the extension host: `acquireVsCodeApi` (callable once per
 * page), typed to the protocol, plus the little state VS Code keeps for us across reloads.
 */

import type { FromWebview, ToWebview } from '../src/protocol/messages';

/** What survives a reload of the webview through `vscode.setState`: the unsent text. */
export interface PersistedState {
  draftText: string;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: FromWebview): void;
  persisted(): PersistedState | undefined;
  persist(state: PersistedState): void;
}

export function connectHost(): Host {
  const api = acquireVsCodeApi();
  return {
    post: (message) => api.postMessage(message),
    persisted: () => {
      const saved = api.getState();
      if (typeof saved === 'object' && saved !== null && 'draftText' in saved && typeof saved.draftText === 'string') {
        return { draftText: saved.draftText };
      }
      return undefined;
    },
    persist: (state) => api.setState(state),
  };
}

/** Calls `receive` for every message from the host (VS Code delivers them as window `message` events). */
export function listenToHost(receive: (message: ToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    // The host is trusted, but other frames could post too: only protocol-shaped data goes on.
    if (typeof data === 'object' && data !== null && 'type' in data && typeof data.type === 'string') {
      receive(data as ToWebview);
    }
  });
}

/** A request id the host's guard accepts: 22 characters of [A-Za-z0-9_-], from the crypto source. */
export function newRequestId(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bytes = crypto.getRandomValues(new Uint8Array(22));
  return Array.from(bytes, (byte) => alphabet[byte & 63]).join('');
}
