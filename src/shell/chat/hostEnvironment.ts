/**
 * The chat's time, ids and frames in the extension host. The host has no animation frames: a
 * frame is ~16 ms (60 per second), which is as often as a webview can paint a delta anyway.
 */

import { randomUUID } from 'node:crypto';
import type { Localize } from './localize';
import type { ChatEnvironment } from './ports';

export const frameMs = 16;

export function hostEnvironment(localize: Localize, warn: (message: string) => void): ChatEnvironment {
  return {
    now: () => Date.now(),
    newId: () => randomUUID(),
    scheduleFrame: (flush) => {
      const timer = setTimeout(flush, frameMs);
      return { cancel: () => clearTimeout(timer) };
    },
    localize,
    warn,
  };
}
