/**
 * Faults of the network and the connection: nobody listening, a name that does not resolve, a
 * connection closed before headers or in the middle of a stream, a server that stops sending
 * before headers or in the middle of a stream.
 */

import { assertNear, assertRequestCount } from './faultChecks';
import { chatRequestsOf, gapsOf } from './faultLab';
import type { Fault } from './faultTypes';
import { answerReply, bytesThroughPiece, wires, type Wire } from './wires';

const pieces = ['The', ' network', ' let', ' us', ' down', ' here', '.'];
const firstThree = pieces.slice(0, 3).join('');
/** Seconds of silence before a stall is a timeout: short, so the suite stays fast. */
const stallTimeout = 0.8;

/** A response that never comes: no timer left behind, the lab's close() ends the connection. */
function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

function refused(wire: Wire): Fault {
  return {
    name: 'connection refused',
    wire,
    arrange: async (lab) => ({ apiBase: await lab.refusedBase(), followUpBase: wire.apiBase((await lab.healthyServer()).url) }),
    expect: () => ({ kind: 'error', errorClass: 'APIConnectionError', partial: '', message: /connection refused by http:\/\/127\.0\.0\.1:\d+/ }),
  };
}

function closedMidStream(wire: Wire): Fault {
  return {
    name: 'closes mid-stream after 3 text events',
    wire,
    arrange: async (lab) => {
      const main = await lab.server(() => answerReply(wire, pieces, { cutAfterBytes: bytesThroughPiece(wire, pieces, 3) + 7 }));
      return { apiBase: wire.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'error', errorClass: 'APIConnectionError', partial: firstThree, message: /closed the connection unexpectedly/ }),
    // Output had begun: a retry would repeat text the caller already has.
    verify: ({ main }) => assertRequestCount(main, wire, 1, 'never retried after output'),
  };
}

function stalledMidStream(wire: Wire): Fault {
  return {
    name: `stalls mid-stream after 3 text events (timeout ${stallTimeout} s)`,
    wire,
    settings: { timeoutSeconds: stallTimeout },
    arrange: async (lab) => {
      const main = await lab.server(() => answerReply(wire, pieces, { stallAfterBytes: bytesThroughPiece(wire, pieces, 3) + 7 }));
      return { apiBase: wire.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'error', errorClass: 'Timeout', partial: firstThree, message: /stopped sending for 0\.8 s/ }),
    verify: ({ main }, trial) => {
      assertRequestCount(main, wire, 1, 'never retried after output');
      assertNear(trial.elapsedSeconds, stallTimeout, 'the silence before the Timeout');
    },
  };
}

const openai = wires.openai;

const openAiOnly: Fault[] = [
  {
    name: 'DNS failure (a .invalid host)',
    wire: openai,
    arrange: async (lab) => ({ apiBase: openai.apiBase('http://switchboard-faults.invalid'), followUpBase: openai.apiBase((await lab.healthyServer()).url) }),
    expect: () => ({ kind: 'error', errorClass: 'APIConnectionError', partial: '', message: /could not resolve switchboard-faults\.invalid \(DNS\)/ }),
  },
  {
    name: 'closes before headers, every time (num_retries 2)',
    wire: openai,
    settings: { maxRetries: 2 },
    arrange: async (lab) => {
      const main = await lab.server(() => ({ closeBeforeHeaders: true }));
      return { apiBase: openai.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'error', errorClass: 'APIConnectionError', partial: '', message: /closed the connection unexpectedly/ }),
    verify: ({ main }) => assertRequestCount(main, openai, 3, 'the first try and num_retries retries'),
  },
  {
    name: 'closes before headers once, then answers',
    wire: openai,
    arrange: async (lab) => {
      const main = await lab.server((_, index) => (index === 0 ? { closeBeforeHeaders: true } : answerReply(openai, pieces)));
      return { apiBase: openai.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'answer', text: pieces.join('') }),
    verify: ({ main }) => assertRequestCount(main, openai, 2, 'retried once, nothing had reached the caller'),
  },
  {
    name: `stalls before headers (timeout ${stallTimeout} s, num_retries 1)`,
    wire: openai,
    settings: { timeoutSeconds: stallTimeout },
    arrange: async (lab) => {
      const main = await lab.server(() => never());
      return { apiBase: openai.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'error', errorClass: 'Timeout', partial: '', message: /no response from http:\/\/127\.0\.0\.1:\d+ within 0\.8 s/ }),
    verify: ({ main }, trial) => {
      assertRequestCount(main, openai, 2, 'a timeout before output is retried');
      const [firstAttempt = 0] = gapsOf(chatRequestsOf(main, openai));
      // The first attempt's timeout plus a backoff of at most 0.1 s.
      assertNear(firstAttempt, stallTimeout, 'the first attempt until its Timeout and the retry');
      assertNear(trial.elapsedSeconds, 2 * stallTimeout, 'two attempts until the Timeout');
    },
  },
];

export const transportFaults: Fault[] = [
  ...[wires.openai, wires.anthropic, wires.ollama].flatMap((wire) => [refused(wire), closedMidStream(wire), stalledMidStream(wire)]),
  ...openAiOnly,
];
