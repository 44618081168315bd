/**
 * The webview's side of the channel to the extension host: `acquireVsCodeApi` (callable once per
 * page), typed to the protocol, plus the little state VS Code keeps for us across reloads.
 */

import type { FromWebview, ToWebview } from '../src/protocol/messages';

/**
 * What survives a reload of the webview through `vscode.setState`: the unsent text, and the
 * conversation on screen (an editor tab restored after a window reload opens it again).
 */
export interface PersistedState {
  draftText: string;
  conversationId?: string;
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
  /** Keeps these fields; the others keep what they had. */
  persist(state: Partial<PersistedState>): void;
}

function readPersisted(saved: unknown): PersistedState | undefined {
  if (typeof saved !== 'object' || saved === null || !('draftText' in saved) || typeof saved.draftText !== 'string') {
    return undefined;
  }
  const conversationId = 'conversationId' in saved && typeof saved.conversationId === 'string' ? saved.conversationId : undefined;
  return conversationId === undefined ? { draftText: saved.draftText } : { draftText: saved.draftText, conversationId };
}

export function connectHost(): Host {
  const api = acquireVsCodeApi();
  let kept: PersistedState = readPersisted(api.getState()) ?? { draftText: '' };
  return {
    post: (message) => api.postMessage(message),
    persisted: () => readPersisted(api.getState()),
    persist: (state) => {
      kept = { ...kept, ...state };
      api.setState(kept);
    },
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
