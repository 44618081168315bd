/**
 * Holds the state and tells listeners when it changed. Host messages go through the reducer; the
 * user's own actions through the pure helpers of state.ts. Listeners decide how often to draw.
 */

import type { ToWebview } from '../src/protocol/messages';
import { initialState, reduce, type ChatState } from './state';

export class Store {
  private current: ChatState = initialState;
  private readonly listeners = new Set<() => void>();

  get state(): ChatState {
    return this.current;
  }

  dispatch(message: ToWebview): void {
    this.set(reduce(this.current, message));
  }

  update(change: (state: ChatState) => ChatState): void {
    this.set(change(this.current));
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(next: ChatState): void {
    if (next === this.current) {
      return;
    }
    this.current = next;
    for (const listener of this.listeners) {
      listener();
    }
  }
}
