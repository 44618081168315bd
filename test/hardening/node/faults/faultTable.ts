/**
 * The fault table: every fault of the issue, each a loopback server that misbehaves on purpose, a
 * wire format, and what must come of it. Both ways (the core client, the chat) run the same rows.
 */

import { bodyFaults } from './bodyFaults';
import type { Fault, Way } from './faultTypes';
import { indexFaults } from './indexFaults';
import { shapeFaults } from './shapeFaults';
import { routingFaults } from './routingFaults';
import { statusFaults } from './statusFaults';
import { transportFaults } from './transportFaults';

const faults: readonly Fault[] = [...transportFaults, ...statusFaults, ...bodyFaults, ...routingFaults, ...indexFaults, ...shapeFaults];

/** The faults a way runs (a whole, non-streamed answer has no chat counterpart). */
export function faultsFor(way: Way): Fault[] {
  return faults.filter((fault) => fault.ways === undefined || fault.ways.includes(way));
}

/** The test title and the name a figure's failure list uses. */
export function titleOf(fault: Fault): string {
  return `${fault.wire.name}: ${fault.name}`;
}
