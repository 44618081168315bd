/**
 * The guard under 10,000 generated values (seeded, so a failure reproduces): random values of
 * every JavaScript kind never make it throw; valid messages with one field broken (wrong type,
 * missing, bad format, unknown enum value, a prototype-polluting key at any depth) are never
 * accepted; freshly generated valid messages are always accepted as they are.
 */

import assert from 'node:assert/strict';
import { parseFromWebview, type GuardResult } from '../../src/protocol/guards';
import type { Attachment, FromWebview } from '../../src/protocol/messages';
import { png, validMessages } from '../helpers/protocolSamples';

function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const random = prng(20261125);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const integer = (max: number): number => Math.floor(random() * max);

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const anyCharacters = ['a', 'Z', '0', ' ', '\n', '\t', '\u0000', '<', '>', '"', "'", '`', '/', '\\', '.', '{', '}', 'é', '𝕏', '\ud800', '\u202e', '%', '$', '\u2028'];

function text(maxLength: number, alphabet: readonly string[] | string = anyCharacters): string {
  const characters = typeof alphabet === 'string' ? [...alphabet] : alphabet;
  return Array.from({ length: integer(maxLength + 1) }, () => pick(characters)).join('');
}

function validId(): string {
  return idAlphabet[integer(idAlphabet.length)]! + text(30, idAlphabet);
}

/** An id-like string with at least one character outside `[A-Za-z0-9_-]`. */
function badId(): string {
  const bad = pick(['.', '/', ' ', '\n', '..', '%2e', 'é', '\u0000', ':', '*']);
  const base = text(8, idAlphabet);
  const at = integer(base.length + 1);
  return base.slice(0, at) + bad + base.slice(at);
}

const exotic: (() => unknown)[] = [
  () => undefined,
  () => null,
  () => Number.NaN,
  () => Number.POSITIVE_INFINITY,
  () => -0,
  () => integer(1000) - 500,
  () => random(),
  () => BigInt(integer(100)),
  () => Symbol('s'),
  () => true,
  () => false,
  () => () => 'function',
  () => new Date(0),
  () => new Map(),
  () => new Set([1]),
  () => /regex/,
  () => new Uint8Array(3),
  () => new String('boxed'),
  () => new Number(1),
  () => Object.create({ type: 'ready' }) as unknown,
  () => Object.create(null) as unknown,
  () => [],
  () => ({}),
  () => text(20),
  () => '',
];

/** A random value of any kind, nested up to `depth`, with polluting keys sometimes. */
function randomValue(depth: number): unknown {
  const roll = random();
  if (depth <= 0 || roll < 0.45) {
    return pick(exotic)();
  }
  if (roll < 0.65) {
    return Array.from({ length: integer(4) }, () => randomValue(depth - 1));
  }
  const object: Record<string, unknown> = {};
  const keys = ['type', 'requestId', 'text', 'attachments', 'kind', 'name', 'dataUrl', 'model', 'draft', 'action', 'conversationId', text(6)];
  for (let count = integer(5); count > 0; count--) {
    object[pick(keys)] = randomValue(depth - 1);
  }
  if (random() < 0.3) {
    object['type'] = pick([...validMessages.map((message) => message.type), 'chat/delta', 'state/snapshot', text(10)]);
  }
  if (random() < 0.1) {
    Object.defineProperty(object, pick(['__proto__', 'constructor', 'prototype']), { value: { polluted: true }, enumerable: true });
  }
  return object;
}

/** A valid message freshly generated for a random type, with random but legal contents. */
function randomValidMessage(): FromWebview {
  const attachment = (): Attachment => {
    const kind = pick(['selection', 'file', 'image'] as const);
    const name = `x${text(20)}`;
    if (kind === 'image') {
      return { kind, name, dataUrl: pick([png, 'data:image/jpeg;base64,/9j/4AAQ', 'data:image/webp;base64,UklGRg==']) };
    }
    const result: Attachment = { kind, name, text: text(200) };
    if (random() < 0.5) {
      result.languageId = pick(['typescript', 'c++', 'objective-c', 'csharp', 'plaintext', 'f#']);
    }
    if (kind === 'selection' && random() < 0.5) {
      result.lines = `${integer(1000)}-${integer(1000)}`;
    }
    return result;
  };
  const attachments = (): Attachment[] => Array.from({ length: integer(4) }, attachment);
  const candidates: (() => FromWebview)[] = [
    () => ({ type: 'ready' }),
    () => ({ type: 'chat/send', requestId: validId(), text: text(300), attachments: attachments() }),
    () => ({ type: 'chat/cancel', requestId: validId() }),
    () => ({ type: 'chat/regenerate', requestId: validId() }),
    () => ({ type: 'chat/edit', requestId: validId(), messageId: validId(), text: `q${text(100)}` }),
    () => ({ type: 'models/select', model: `${pick(['openai', 'my-endpoint', 'openrouter'])}/${text(30, 'abc-._/:@12')}x` }),
    () => ({ type: 'history/open', conversationId: validId() }),
    () => ({ type: 'history/rename', conversationId: validId(), title: `T${text(50, 'abc déf «»/<>&"')}` }),
    () => ({ type: 'code/newFile', code: text(200), languageId: 'rust' }),
    () => ({ type: 'link/open', href: `https://example.com/${text(40)}` }),
    () => ({ type: 'action/run', action: pick(['setApiKey', 'selectModel', 'retry', 'showLogs', 'openSettings', 'testConnection'] as const) }),
    () => ({ type: 'draft/update', draft: random() < 0.5 ? { attachments: attachments() } : { text: text(100), attachments: attachments() } }),
    () => ({ type: 'tools/approve', requestId: validId(), callId: `c${text(40, 'abc_|=+/-12')}`, decision: pick(['allow', 'alwaysAllow', 'deny'] as const) }),
    () => ({ type: 'tools/toggle', sourceId: `mcp:${text(20, 'ab c.-_')}x`, tool: `t${text(30, 'ab_.-/')}`, enabled: random() < 0.5 }),
    () => ({ type: 'chat/continue', requestId: validId(), messageId: validId() }),
  ];
  return pick(candidates)();
}

type Path = (string | number)[];

/** Every path to a value inside a message, with the value found there. */
function paths(value: unknown, prefix: Path = []): { path: Path; value: unknown }[] {
  const found: { path: Path; value: unknown }[] = prefix.length === 0 ? [] : [{ path: prefix, value }];
  if (Array.isArray(value)) {
    value.forEach((item, index) => found.push(...paths(item, [...prefix, index])));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      found.push(...paths(item, [...prefix, key]));
    }
  }
  return found;
}

function withValue(message: unknown, path: Path, replace: (container: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(message) as Record<string | number, unknown>;
  let container = copy;
  for (const key of path.slice(0, -1)) {
    container = container[key] as Record<string | number, unknown>;
  }
  replace(container, path[path.length - 1]!);
  return copy;
}

/** A value whose JavaScript kind differs from `original`'s (string ↔ non-string, array ↔ non-array, object ↔ non-object). */
function wrongKind(original: unknown): unknown {
  const candidates = exotic.map((make) => make()).filter((candidate) => {
    if (candidate === undefined) {
      return false; // undefined is "absent", which optional fields allow
    }
    if (typeof original === 'string' || typeof original === 'number' || typeof original === 'boolean') {
      return typeof candidate !== typeof original;
    }
    if (Array.isArray(original)) {
      return !Array.isArray(candidate);
    }
    if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
      return true;
    }
    // A plain object, with or without a prototype, would be of the same kind.
    const prototype: unknown = Object.getPrototypeOf(candidate);
    return prototype !== Object.prototype && prototype !== null;
  });
  return pick(candidates);
}

const idFields = new Set(['requestId', 'messageId', 'conversationId']);
const enumFields = new Set(['type', 'kind', 'action', 'reasoning']);
/** Fields a message of its type cannot do without (attachment `text` only for text kinds, `dataUrl` only for images). */
const requiredFields = new Set(['requestId', 'messageId', 'conversationId', 'model', 'title', 'code', 'href', 'action', 'draft', 'attachments', 'kind', 'name', 'dataUrl', 'type', 'settings', 'path', 'enabled', 'query']);

/** A valid message with exactly one thing broken, and what was broken. */
function brokenMessage(): { value: unknown; how: string } {
  const message = pick(validMessages);
  const all = paths(message);
  const choice = integer(5);
  if (choice === 0 || all.length === 0) {
    // A polluting own key at the top or inside any nested object.
    const objects = [{ path: [] as Path, value: message as unknown }, ...all].filter((entry) => typeof entry.value === 'object' && entry.value !== null && !Array.isArray(entry.value));
    const target = pick(objects);
    const key = pick(['__proto__', 'constructor', 'prototype']);
    const polluted = structuredClone(message) as Record<string | number, unknown>;
    let container: Record<string | number, unknown> = polluted;
    for (const step of target.path) {
      container = container[step] as Record<string | number, unknown>;
    }
    Object.defineProperty(container, key, { value: { polluted: true }, enumerable: true, writable: true, configurable: true });
    return { value: polluted, how: `own ${key} at ${target.path.join('.') || 'top'}` };
  }
  const entry = pick(all);
  const key = entry.path[entry.path.length - 1]!;
  if (choice === 1) {
    return { value: withValue(message, entry.path, (container, last) => (container[last] = wrongKind(entry.value))), how: `wrong kind at ${entry.path.join('.')}` };
  }
  if (choice === 2 && typeof key === 'string' && requiredFields.has(key) && !(key === 'requestId' && message.type === 'chat/cancel')) {
    return { value: withValue(message, entry.path, (container, last) => delete container[last]), how: `missing ${entry.path.join('.')}` };
  }
  if (choice === 3 && typeof key === 'string' && idFields.has(key)) {
    return { value: withValue(message, entry.path, (container, last) => (container[last] = badId())), how: `bad id at ${entry.path.join('.')}` };
  }
  if (choice === 4 && typeof key === 'string' && enumFields.has(key)) {
    return { value: withValue(message, entry.path, (container, last) => (container[last] = `${String(entry.value)}${pick(['x', ' ', '/', 'S'])}`)), how: `unknown ${key} value` };
  }
  return { value: withValue(message, entry.path, (container, last) => (container[last] = wrongKind(entry.value))), how: `wrong kind at ${entry.path.join('.')}` };
}

function parse(value: unknown): GuardResult {
  // Outside any try: a throw fails the test with the value that caused it.
  return parseFromWebview(value);
}

describe('protocol guards: fuzz (10,000 generated values)', () => {
  it('never throws on random values, and what it accepts re-validates to itself', () => {
    let accepted = 0;
    for (let round = 0; round < 4_000; round++) {
      const value = randomValue(4);
      const result = parse(value);
      if (result.ok) {
        accepted++;
        assert.deepStrictEqual(parse(JSON.parse(JSON.stringify(result.message))), result);
      }
    }
    // Random values seldom form a message; those that do are the bare ones (`ready`, `chat/new`, …).
    assert.ok(accepted < 4_000);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype is untouched');
  });

  it('rejects every valid message with one field broken', () => {
    const wronglyAccepted: string[] = [];
    for (let round = 0; round < 4_000; round++) {
      const { value, how } = brokenMessage();
      if (parse(value).ok) {
        wronglyAccepted.push(how);
      }
    }
    assert.deepStrictEqual(wronglyAccepted, []);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'Object.prototype is untouched');
  });

  it('accepts every freshly generated valid message unchanged', () => {
    for (let round = 0; round < 2_000; round++) {
      const message = randomValidMessage();
      assert.deepStrictEqual(parse(message), { ok: true, message }, JSON.stringify(message));
    }
  });
});
