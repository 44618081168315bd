/**
 * The checks faults make on what their servers saw and on the clock: how many requests arrived
 * (retries within `num_retries`, none after output began), the delays between them, and that a
 * timeout fired near its configured value — bounds generous enough for a busy two-core machine.
 */

import assert from 'node:assert/strict';
import type { WireServer } from '../../../helpers/wireServer';
import { chatRequestsOf, gapsOf } from './faultLab';
import type { Wire } from './wires';

function assertWithin(value: number, low: number, high: number, what: string): void {
  assert.ok(value >= low && value <= high, `${what}: ${value.toFixed(3)} s, expected within [${low.toFixed(3)}, ${high.toFixed(3)}] s`);
}

/** A timeout (or a wait) of `seconds` fired within [0.9×, 2× + 0.5 s] of it. */
export function assertNear(value: number, seconds: number, what: string): void {
  assertWithin(value, 0.9 * seconds, 2 * seconds + 0.5, what);
}

export function assertRequestCount(server: WireServer | undefined, wire: Wire, count: number, why: string): void {
  assert.equal(chatRequestsOf(server, wire).length, count, `requests that reached the server (${why})`);
}

/**
 * Retries waited the backoff: the k-th at least 0.9 × the shortest delay the policy allows for it
 * (initial × 2^k less 25% jitter), so the waits grow; none far longer than the longest.
 */
export function assertBackoff(server: WireServer | undefined, wire: Wire, policy: { initialDelaySeconds: number; maxDelaySeconds: number }): void {
  gapsOf(chatRequestsOf(server, wire)).forEach((gap, retry) => {
    const longest = Math.min(policy.initialDelaySeconds * 2 ** retry, policy.maxDelaySeconds);
    assertWithin(gap, 0.9 * 0.75 * longest, longest + 0.5, `the wait before retry ${retry + 1}`);
  });
}

/** The retry came after the delay the server asked for (`retry-after`, `retry-after-ms`). */
export function assertRetryAfter(server: WireServer | undefined, wire: Wire, seconds: number): void {
  const gaps = gapsOf(chatRequestsOf(server, wire));
  assert.equal(gaps.length, 1, 'one retry');
  assertWithin(gaps[0] ?? 0, 0.95 * seconds, seconds + 1, 'the wait the server asked for');
}
