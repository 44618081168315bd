/**
 * The recorded provider responses in test/fixtures (copied from the shared set with their
 * provenance): the body exactly as the wire carried it, and the case's metadata.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Delivery, Reply } from './wireServer';

export interface FixtureMeta {
  provider: string;
  endpoint: { method: string; path: string };
  status: number;
  headers: Record<string, string>;
  request_hint: Record<string, unknown>;
  expected: Record<string, unknown> & {
    text?: string | null;
    refusal?: string | null;
    reasoning_text?: string | null;
    finish_reason?: string | null;
    finish_reason_normalized?: string | null;
    tool_calls?: { index: number; id: string | null; name: string; arguments: string }[];
    usage?: Record<string, number | null>;
    error?: Record<string, unknown>;
  };
  source: string;
}

export interface Fixture {
  name: string;
  meta: FixtureMeta;
  body: Buffer;
  reply(delivery?: Delivery): Reply;
}

const root = join(process.cwd(), 'test', 'fixtures');

export function loadFixture(id: string): Fixture {
  const meta = JSON.parse(readFileSync(join(root, `${id}.json`), 'utf8')) as FixtureMeta;
  const body = readFileSync(join(root, `${id}.body`));
  return {
    name: id,
    meta,
    body,
    reply: (delivery: Delivery = 'whole') => ({ status: meta.status, headers: meta.headers, body, delivery }),
  };
}

/** The three ways every fixture is served: whole, byte by byte, and at seeded random splits. */
export const deliveries: readonly { label: string; delivery: Delivery }[] = [
  { label: 'whole', delivery: 'whole' },
  { label: 'byte by byte', delivery: 'bytes' },
  { label: 'random splits (seed 7)', delivery: { seed: 7, pieces: 17 } },
  { label: 'random splits (seed 1234)', delivery: { seed: 1234, pieces: 40 } },
];
