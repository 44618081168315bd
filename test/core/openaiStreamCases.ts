/**
 * Random OpenAI-wire streams for the fast-path fuzz test: chunk sequences (content, reasoning,
 * tool-call fragments, usage, finish reasons, nulls, unknown fields, text that looks like JSON),
 * written the ways servers write them (spacing, escapes, CRLF, comments, `id:` lines, data split
 * over several lines) and cut into reads at random bytes, so multi-byte characters and surrogate
 * pairs arrive in halves.
 */

import type { SeededRandom } from '../helpers/seededRandom';

const pieces = [
  'Hello',
  ' world',
  ' ',
  '',
  '\n',
  '\n\n',
  'é',
  ' Café',
  '—',
  '日本語',
  '😀',
  '👩‍💻',
  '𝔘',
  '"',
  '\\',
  '\\"',
  '/',
  '\t',
  '\u0001',
  '\u2028',
  '"content":"',
  '","content":"x',
  '{"a":1}',
  '\ud83d',
  '\ude00',
];

function text(random: SeededRandom): string {
  let value = '';
  const count = random.integer(4);
  for (let i = 0; i < count; i++) {
    value += random.pick(pieces);
  }
  return value;
}

/** A delta's string field: mostly text, sometimes null or absent. */
function maybeText(random: SeededRandom): string | null | undefined {
  const roll = random.next();
  return roll < 0.85 ? text(random) : roll < 0.93 ? null : undefined;
}

function toolCallFragment(random: SeededRandom): Record<string, unknown> {
  const call: Record<string, unknown> = {};
  if (random.chance(0.9)) {
    call['index'] = random.integer(3);
  }
  if (random.chance(0.3)) {
    call['id'] = `call_${random.integer(1000)}`;
    call['type'] = 'function';
  }
  call['function'] = random.chance(0.3) ? { name: random.pick(['read_file', 'search']), arguments: '' } : { arguments: text(random) };
  return call;
}

/** What a stream's chunks carry: runs of one kind, as streams have (text, then tool calls …). */
interface StreamState {
  kind: number;
  logprobs: boolean;
  /** How the stream's server writes JSON (`written`). */
  style: number;
  /** Random padding in every chunk (OpenAI's `obfuscation`). */
  padded: boolean;
}

function delta(random: SeededRandom, state: StreamState, first: boolean): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (first || random.chance(0.05)) {
    result['role'] = 'assistant';
  }
  if (random.chance(0.1)) {
    state.kind = random.next();
  }
  const kind = state.kind;
  if (kind < 0.55) {
    result['content'] = maybeText(random);
  } else if (kind < 0.75) {
    result['reasoning_content'] = maybeText(random);
    if (random.chance(0.3)) {
      result['content'] = null;
    }
  } else if (kind < 0.82) {
    result['reasoning'] = maybeText(random);
  } else if (kind < 0.92) {
    result['tool_calls'] = [toolCallFragment(random)];
  } else if (kind < 0.96) {
    result['content'] = [{ type: 'text', text: text(random) }];
  }
  if (random.chance(0.05)) {
    result['refusal'] = null;
  }
  if (random.chance(0.03)) {
    result['extra'] = random.chance(0.5) ? text(random) : { nested: text(random) };
  }
  return result;
}

function choice(random: SeededRandom, state: StreamState, index: number, first: boolean): Record<string, unknown> {
  const result: Record<string, unknown> = { index, delta: delta(random, state, first) };
  if (state.logprobs) {
    result['logprobs'] = null;
  }
  const finish = random.next();
  result['finish_reason'] = finish < 0.95 ? null : random.pick(['stop', 'length', 'tool_calls', 'end_turn', 'content_filter']);
  if (random.chance(0.02)) {
    result['content_filter_results'] = { hate: { filtered: false } };
  }
  return result;
}

/** The values a stream repeats in every chunk, and the unknown fields some vendors add. */
interface StreamBase {
  head: Record<string, unknown>;
  tail: Record<string, unknown>;
}

function streamBase(random: SeededRandom): StreamBase {
  const head: Record<string, unknown> = { id: `chatcmpl-${random.integer(1e6)}`, object: random.chance(0.9) ? 'chat.completion.chunk' : 'chunk' };
  if (random.chance(0.9)) {
    head['created'] = 1_700_000_000 + random.integer(1000);
  }
  head['model'] = random.pick(['gpt-4o-mini', 'deepseek-reasoner', 'mistral-small', 'x/"quoted"']);
  if (random.chance(0.4)) {
    head['system_fingerprint'] = random.chance(0.8) ? 'fp_1234' : null;
  }
  const tail: Record<string, unknown> = {};
  if (random.chance(0.3)) {
    tail['usage'] = null;
  }
  if (random.chance(0.2)) {
    tail['note'] = '"content":"not the text"';
  }
  return { head, tail };
}

function chunk(random: SeededRandom, base: StreamBase, state: StreamState, position: number): Record<string, unknown> {
  const roll = random.next();
  if (roll < 0.04) {
    return { ...base.head, choices: [], usage: { prompt_tokens: 5, completion_tokens: position, total_tokens: 5 + position } };
  }
  const first = position === 0;
  const choices = roll < 0.07 ? [choice(random, state, 0, first), choice(random, state, 1, first)] : [choice(random, state, 0, first)];
  const result: Record<string, unknown> = { ...base.head, choices, ...base.tail };
  if (state.padded) {
    result['obfuscation'] = text(random);
  }
  if (roll > 0.995) {
    result['error'] = { message: 'overloaded', type: 'server_error' };
  }
  return result;
}

/** JSON as different servers write it: compact, spaced, escaped non-ASCII, escaped slashes. */
function written(random: SeededRandom, state: StreamState, value: unknown): string {
  // Mostly the stream's own style; now and then another (a proxy that rewrites some events).
  const style = random.chance(0.95) ? state.style : random.next();
  let json = style < 0.1 ? JSON.stringify(value, null, 1) : JSON.stringify(value);
  if (style >= 0.1 && style < 0.2) {
    json = json.replace(/[\u0080-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  } else if (style >= 0.2 && style < 0.25) {
    json = json.replace(/\//g, '\\/');
  } else if (style >= 0.25 && style < 0.3) {
    json = json.replace(/":/g, '" : ').replace(/,"/g, ', "');
  }
  return json;
}

/** One event's lines: data split at its line breaks, sometimes a comment or an id first. */
function event(random: SeededRandom, data: string, end: string): string {
  let lines = '';
  if (random.chance(0.05)) {
    lines += `: keep-alive${end}`;
  }
  if (random.chance(0.03)) {
    lines += `id: ${random.integer(100)}${end}`;
  }
  const space = random.chance(0.8) ? ' ' : '';
  for (const line of data.split('\n')) {
    lines += `data:${space}${line}${end}`;
  }
  return `${lines}${end}`;
}

/** A whole body: chunks, then usually [DONE]; sometimes a malformed event or trailing junk. */
export function randomBody(random: SeededRandom): string {
  const end = random.pick(['\n', '\n', '\n', '\r\n', '\r']);
  const base = streamBase(random);
  const state: StreamState = { kind: random.next(), logprobs: random.chance(0.3), style: random.next(), padded: random.chance(0.1) };
  const count = 1 + random.integer(40);
  let body = '';
  for (let position = 0; position < count; position++) {
    if (random.chance(0.003)) {
      body += event(random, '{"id":"cut', end);
      continue;
    }
    body += event(random, written(random, state, chunk(random, base, state, position)), end);
  }
  if (random.chance(0.9)) {
    body += event(random, '[DONE]', end);
  }
  return body;
}

/** The body's UTF-8 bytes cut into reads at random byte offsets (inside characters too). */
export function randomReads(random: SeededRandom, bytes: Uint8Array): Uint8Array[] {
  const reads: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    const size = random.chance(0.3) ? 1 + random.integer(4) : 1 + random.integer(200);
    reads.push(bytes.subarray(start, start + size));
    start += size;
  }
  return reads;
}
