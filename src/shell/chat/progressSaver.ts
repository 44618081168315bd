/**
 * Saves a streaming answer as it grows, so a killed or crashed host loses at most the last moments
 * of an answer, not all of it. Throttled: the first growth after a save starts the interval, and
 * the save at its end writes the answer as it stands then — one write per interval however many
 * chunks arrived, and none while the previous one is still being written (a slow disk never
 * piles up writes). The answer's start and end are saved by the runner as before; `stop()` ends
 * this one when the stream ends, so nothing is saved from here after the conversation was
 * switched away from or deleted (both stop the answer first).
 */

import type { ScheduleAfter } from './delays';

/**
 * How often a streaming answer is saved. A kill loses at most this much of an answer's text; each
 * save rewrites the whole conversation file (atomically: temporary file, flush, rename), so much
 * more often would cost a long conversation real disk time while tokens arrive. Two seconds of
 * text is a sentence or two.
 */
export const progressSaveIntervalMs = 2_000;

export interface ProgressSaverOptions {
  schedule: ScheduleAfter;
  /** Writes the answer as it stands (syncing it first). Never rejects: failures are the saver's host's to tell. */
  save: () => Promise<void>;
  intervalMs?: number;
}

export class ProgressSaver {
  private timer: { cancel(): void } | undefined;
  private saving = false;
  /** The answer grew since the last save began. */
  private grew = false;
  private stopped = false;

  constructor(private readonly options: ProgressSaverOptions) {}

  /** The answer grew (a chunk arrived). */
  changed(): void {
    if (this.stopped) {
      return;
    }
    this.grew = true;
    this.arm();
  }

  /** The stream ended: no more saves from here (the runner saves the end itself). */
  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = undefined;
  }

  private arm(): void {
    if (this.timer !== undefined || this.saving) {
      return;
    }
    this.timer = this.options.schedule(this.options.intervalMs ?? progressSaveIntervalMs, () => {
      this.timer = undefined;
      void this.saveNow();
    });
  }

  private async saveNow(): Promise<void> {
    if (this.stopped || !this.grew) {
      return;
    }
    this.grew = false;
    this.saving = true;
    try {
      await this.options.save();
    } finally {
      this.saving = false;
    }
    // What arrived while writing waits for the next interval, counted from now.
    if (this.grew && !this.stopped) {
      this.arm();
    }
  }
}
