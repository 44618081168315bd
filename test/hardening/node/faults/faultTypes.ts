/**
 * The shape of the fault table: what a fault sets up (servers that misbehave on purpose), what it
 * expects each stream to end in (a correct answer, or a typed error with the partial text kept),
 * and what it checks afterwards on the servers (retries, their delays, a header that must not
 * have arrived) and on the clock (timeouts near the configured value).
 */

import type { WireServer } from '../../../helpers/wireServer';
import type { FaultLab } from './faultLab';
import type { Wire } from './wires';

/** The two ways every fault is run: the core's client, and the chat controller on top of it. */
export type Way = 'core client' | 'chat';

/** The error classes a fault may end in (the core's names; the chat shows them as the error's kind). */
export type ErrorClassName = 'APIConnectionError' | 'Timeout' | 'RateLimitError' | 'InternalServerError' | 'ServiceUnavailableError' | 'APIError';

export type Expected =
  /** The whole answer, exactly this text. */
  | { kind: 'answer'; text: string }
  /**
   * A typed error. `partial` is the text that arrived before it, kept (the caller's chunks and
   * `partial_response` in the core; the message's content, on screen and on disk, in the chat).
   */
  | { kind: 'error'; errorClass: ErrorClassName; partial: string; message: RegExp };

/** Client settings of a trial; the core way passes them per call, the chat way to its client. */
export interface TrialSettings {
  timeoutSeconds: number;
  maxRetries: number;
}

/** A fallback model (LiteLLM's `fallbacks` entry), with the server that answers for it. */
export interface FallbackTarget {
  model: string;
  api_base: string;
}

/** What a fault set up for one trial. */
export interface Arranged {
  /** Where the model's requests go (`api_base`). */
  apiBase: string;
  /** The server the requests reach first, when there is one (refused and DNS faults have none). */
  main?: WireServer;
  /** A second server: the redirect's target, the fallback's. */
  other?: WireServer;
  fallbacks?: FallbackTarget[];
  /** Where the request after the trial goes, when `apiBase` cannot heal (nobody listens there). */
  followUpBase?: string;
}

/** What a trial measured, for a fault's own checks. */
export interface TrialRecord {
  way: Way;
  /** From the first request to the end of the last stream (the error or the answer's end). */
  elapsedSeconds: number;
}

export interface Fault {
  /** What goes wrong, as a test title: "closes mid-stream after 3 events". */
  name: string;
  wire: Wire;
  /** Only these ways (a whole, non-streamed answer has no chat counterpart). Both by default. */
  ways?: readonly Way[];
  /** false: a whole answer (`stream` absent); the chat always streams. */
  stream?: boolean;
  settings?: Partial<TrialSettings>;
  /** Parallel streams through one client (one chat per stream); 1 by default. */
  streams?: number;
  arrange(lab: FaultLab): Promise<Arranged>;
  /** What stream `index` must end in. */
  expect(index: number): Expected;
  /** Checks on what the servers saw and on the clock; throws (an assertion) when wrong. */
  verify?(arranged: Arranged, trial: TrialRecord): void;
}

/** The settings a trial runs with unless the fault says otherwise: fail fast, retry once. */
const defaultSettings: TrialSettings = { timeoutSeconds: 10, maxRetries: 1 };

/**
 * Backoff small enough to keep the suite fast but large enough to measure: the first retry waits
 * 75–100 ms, the second 150–200 ms (25% jitter), so growth shows above loopback noise.
 */
export const retryDelays = { initialDelaySeconds: 0.1, maxDelaySeconds: 0.8 };

export function settingsOf(fault: Fault): TrialSettings {
  return { ...defaultSettings, ...fault.settings };
}

/** The key every trial sends: the redirect fault checks it never reached the second server. */
export const trialKey = 'sk-hardening-faults-0123456789abcdef';
