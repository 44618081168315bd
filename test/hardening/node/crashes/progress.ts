/**
 * The progress the crash child reports to its parent, one JSON line per event on stdout: written
 * with a blocking write before the child goes on, so a line the parent has was really reached — a
 * `saved` line means that save had completed (renamed and synced) before the kill.
 */

import { writeSync } from 'node:fs';

export type ProgressEvent =
  | { e: 'ready' }
  /** A save was asked for: the exact content it will write (by hash) and how many messages it holds. */
  | { e: 'save-begin'; id: string; hash: string; messages: number }
  /** That save completed: the file holds it. */
  | { e: 'saved'; id: string; hash: string }
  /**
   * A streamed piece of an answer reached the view; in the mid-stream trials with the answer's
   * message id and the text it added (the parent adds up what the child had received).
   */
  | { e: 'delta'; message?: string; text?: string }
  /**
   * A step of an atomic write: the temporary file written and flushed, the rename about to happen,
   * done; `torn` only in the control run, whose writes are not atomic: half the file written in place.
   */
  | { e: 'fs'; step: 'synced' | 'rename-begin' | 'renamed' | 'torn' };

export type ProgressKind = ProgressEvent['e'] | `fs:${Extract<ProgressEvent, { e: 'fs' }>['step']}`;

/** The kind of an event as kill plans name them (`fs:rename-begin`, `save-begin`, …). */
export function kindOf(event: ProgressEvent): ProgressKind {
  return event.e === 'fs' ? `fs:${event.step}` : event.e;
}

export function report(event: ProgressEvent): void {
  const line = Buffer.from(`${JSON.stringify(event)}\n`);
  for (let written = 0; written < line.length; ) {
    try {
      written += writeSync(1, line, written);
    } catch (error) {
      // A full pipe on a non-blocking descriptor: the parent is reading, try again.
      if ((error as { code?: unknown }).code !== 'EAGAIN') {
        throw error;
      }
    }
  }
}
