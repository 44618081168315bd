/**
 * Messages a compromised webview could post to the host, every one of them invalid by
 * construction: garbage of every JSON kind, values no channel could carry (proxies that throw,
 * accessors, class instances), unknown kinds (including the host's own message types and
 * prototype names), real messages with one field broken (wrong type, missing, bad format, over a
 * limit), strings of megabytes, nesting a hundred thousand deep, and prototype-polluting keys
 * (`__proto__`, `constructor`, `prototype`) as JSON.parse makes them: own keys. Most arrive as
 * JSON text parsed, as VS Code's channel delivers them.
 */

import { protocolLimits, type FromWebview } from '../../../../src/protocol/messages';
import { validMessages } from '../../../helpers/protocolSamples';
import type { SeededRandom } from '../../../helpers/seededRandom';

export interface HostileMessage {
  value: unknown;
  /** What makes it invalid, for the failure report. */
  how: string;
}

/** The host's own messages, near-misses of real kinds, and names every object inherits. */
const unknownTypes = [
  'state/snapshot', 'chat/appended', 'chat/delta', 'chat/done', 'chat/error', 'models/list', 'notice',
  'READY', 'Ready', ' ready', 'ready ', 'ready\u0000', 'chat/send/', 'chat//send', 'chat\\send', 'chat/sendd', 'history/open\n',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', '',
];

const badIds = ['', 'a/b', '../../etc/passwd', 'a b', 'a.b', 'é', 'id\n', 'x'.repeat(protocolLimits.idLength + 1), '%2e%2e', 'C:\\x', '\u0000'];

/** Values each field must refuse, besides a wrong type. */
const badValuesByField: Record<string, readonly unknown[]> = {
  requestId: badIds,
  messageId: badIds,
  conversationId: badIds,
  title: ['', '   ', 'a\u0000b', 'line\nbreak', 'tab\there', 'next\u0085line', 'x'.repeat(protocolLimits.titleLength + 1)],
  href: ['', '   ', 'x'.repeat(protocolLimits.hrefLength + 1)],
  model: ['gpt-4o', '/gpt-4o', 'openai/', 'openai/gpt 4o', 'open ai/gpt', 'openai/gpt\u0000', 'x/'.repeat(200)],
  action: ['deleteEverything', 'SetApiKey', '', 'retry ', 'toString'],
  kind: ['video', 'Image', '', 'file '],
  name: ['', '   ', 'x'.repeat(1_025)],
  languageId: ['', 'type script', '<script>', 'x'.repeat(65), 'ts\n'],
  lines: ['', 'a-b', '1-', '-1', '1,2', '1-2-3', '0000000000'],
  dataUrl: ['data:image/svg+xml;base64,PHN2Zz4=', 'http://evil.example/x.png', 'data:text/html;base64,PGI+', 'data:image/png;base64,@@@', 'javascript:alert(1)', ''],
};

/** Fields a message can do without: leaving these out is not a fault. */
const optionalFields = new Set(['languageId', 'lines', 'tokens', 'reasoning', 'temperature', 'maxTokens']);

function isOptional(type: string, key: string, inDraft: boolean): boolean {
  // A tools/toggle without `tool` switches the whole source: a valid message.
  return optionalFields.has(key) || (type === 'chat/cancel' && key === 'requestId') || (type === 'tools/toggle' && key === 'tool') || (inDraft && key === 'text');
}

/** A blank chat/edit text is refused; a blank chat/send text is a valid (ignored) send. */
function blankRefused(type: string, key: string): boolean {
  return key === 'text' && type === 'chat/edit';
}

type Container = Record<string, unknown> | unknown[];

interface Place {
  container: Container;
  key: string | number;
  value: unknown;
  inDraft: boolean;
}

/** Every value inside a message (not the message itself), with the object or array holding it. */
function places(value: unknown, inDraft = false): Place[] {
  const found: Place[] = [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value as Record<string, unknown>);
  for (const [key, item] of entries) {
    found.push({ container: value as Container, key, value: item, inDraft });
    if (typeof item === 'object' && item !== null) {
      found.push(...places(item, inDraft || key === 'draft'));
    }
  }
  return found;
}

/** A JSON value of another kind than `original` (string, number, boolean, null, array, object). */
function otherKind(random: SeededRandom, original: unknown): unknown {
  const kinds: [string, () => unknown][] = [
    ['string', () => random.pick(['', 'x', '0', 'true', 'null', '[]'])],
    ['number', () => random.pick([0, -1, 1.5, 1e308, -0])],
    ['boolean', () => random.chance(0.5)],
    ['null', () => null],
    ['array', () => random.pick([[], ['x'], [{}], [[]]])],
    ['object', () => random.pick([{}, { type: 'ready' }, { length: 1, 0: 'x' }])],
  ];
  const kindOf = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  return random.pick(kinds.filter(([kind]) => kind !== kindOf(original)))[1]();
}

export class HostileMessages {
  private readonly samples = validMessages.filter((message) => Object.keys(message).length > 1);
  private huge: Record<string, string> = {};

  constructor(private readonly random: SeededRandom) {}

  /** One invalid message, of a kind picked by weight. */
  next(): HostileMessage {
    const roll = this.random.next();
    if (roll < 0.12) {
      return this.garbage();
    }
    if (roll < 0.17) {
      return this.exotic();
    }
    if (roll < 0.3) {
      return this.unknownKind();
    }
    if (roll < 0.65) {
      return this.brokenField();
    }
    if (roll < 0.7) {
      return this.tooMany();
    }
    if (roll < 0.75) {
      return this.megabytes();
    }
    if (roll < 0.8) {
      return this.deeplyNested();
    }
    return this.polluted();
  }

  /** What VS Code's channel does to a message: JSON out, JSON in. */
  private viaChannel(value: unknown, how: string): HostileMessage {
    return { value: JSON.parse(JSON.stringify(value)) as unknown, how };
  }

  private sample(): FromWebview {
    return structuredClone(this.random.pick(this.samples));
  }

  private garbage(): HostileMessage {
    const { random } = this;
    const values: unknown[] = [0, -1, 3.14, true, false, null, '', 'ready', '{"type":"ready"}', [], [{ type: 'ready' }], ['ready'], { }, { kind: 'ready' }, { Type: 'ready' }, { requestId: 'r1', text: 'hi' }];
    return this.viaChannel(random.pick(values), 'not a message at all');
  }

  private exotic(): HostileMessage {
    const throwing = new Proxy({}, { get: () => { throw new Error('trap'); }, ownKeys: () => { throw new Error('trap'); }, getOwnPropertyDescriptor: () => { throw new Error('trap'); }, getPrototypeOf: () => { throw new Error('trap'); } });
    const getter = Object.defineProperty({}, 'type', { enumerable: true, get: () => 'ready' });
    class Message {
      readonly type = 'ready';
    }
    const values: [unknown, string][] = [
      [undefined, 'undefined'],
      [() => ({ type: 'ready' }), 'a function'],
      [Symbol('ready'), 'a symbol'],
      [10n, 'a bigint'],
      [new Map([['type', 'ready']]), 'a Map'],
      [new Date(0), 'a Date'],
      [new Message(), 'a class instance'],
      [throwing, 'a proxy that throws'],
      [getter, 'an accessor for type'],
      [Object.create({ type: 'ready' }), 'type only inherited'],
      [{ type: 'ready', [Symbol('x')]: 1 }, 'a symbol key'],
      [{ type: 'chat/send', requestId: 'r1', text: 'hi', attachments: new Proxy([], { get: () => { throw new Error('trap'); } }) }, 'attachments a proxy that throws'],
    ];
    const [value, how] = this.random.pick(values);
    return { value, how: `a value no channel carries: ${how}` };
  }

  private unknownKind(): HostileMessage {
    const { random } = this;
    const message = this.sample() as unknown as Record<string, unknown>;
    const type = random.pick<unknown>([...unknownTypes, 1, null, true, ['ready'], { type: 'ready' }, `x${random.integer(1e9)}`]);
    message['type'] = type;
    return this.viaChannel(message, `unknown type ${JSON.stringify(type)}`);
  }

  private brokenField(): HostileMessage {
    const { random } = this;
    const message = this.sample();
    const type = message.type;
    const place = random.pick(places(message));
    const key = String(place.key);
    const container = place.container as Record<string | number, unknown>;
    const choice = random.integer(3);
    if (choice === 0 && typeof place.key === 'string' && key !== 'type' && !isOptional(type, key, place.inDraft)) {
      delete container[place.key];
      return this.viaChannel(message, `${type} without ${key}`);
    }
    const bad = badValuesByField[key];
    if (choice === 1 && bad !== undefined) {
      const value = random.pick(bad);
      container[place.key] = value;
      return this.viaChannel(message, `${type} with ${key} = ${JSON.stringify(value).slice(0, 60)}`);
    }
    if (choice === 1 && blankRefused(type, key)) {
      container[place.key] = random.pick(['', ' ', '\n\t']);
      return this.viaChannel(message, `${type} with a blank ${key}`);
    }
    if (key === 'type') {
      container[place.key] = random.pick(unknownTypes);
      return this.viaChannel(message, `${type} renamed to an unknown type`);
    }
    container[place.key] = otherKind(random, place.value);
    return this.viaChannel(message, `${type} with ${key} of the wrong kind`);
  }

  private tooMany(): HostileMessage {
    const roll = this.random.integer(3);
    if (roll === 0) {
      const message: Record<string, unknown> = { type: 'chat/new' };
      for (let index = 0; index < 40; index++) {
        message[`extra${index}`] = index;
      }
      return this.viaChannel(message, 'more keys than a message has');
    }
    const attachment = { kind: 'file', name: 'a.ts', text: 'x' };
    const attachments = Array.from({ length: protocolLimits.attachments + 1 + this.random.integer(1000) }, () => attachment);
    return roll === 1
      ? this.viaChannel({ type: 'chat/send', requestId: 'r1', text: 'hi', attachments }, `${attachments.length} attachments`)
      : this.viaChannel({ type: 'draft/update', draft: { attachments } }, `a draft of ${attachments.length} attachments`);
  }

  /** A string just over a limit, made once and shared (strings are immutable). */
  private over(limit: number, prefix = ''): string {
    const key = `${prefix}:${limit}`;
    this.huge[key] ??= prefix + 'x'.repeat(limit + 1 - prefix.length);
    return this.huge[key];
  }

  private megabytes(): HostileMessage {
    const png = 'data:image/png;base64,';
    const cases: [unknown, string][] = [
      [{ type: 'chat/send', requestId: 'r1', text: this.over(protocolLimits.textLength), attachments: [] }, 'a text over 1 MB characters'],
      [{ type: 'chat/send', requestId: 'r1', text: 'hi', attachments: [{ kind: 'file', name: 'a.ts', text: this.over(protocolLimits.attachmentTextLength) }] }, 'an attached file over 2 M characters'],
      [{ type: 'draft/update', draft: { attachments: [{ kind: 'image', name: 'a.png', dataUrl: this.over(protocolLimits.dataUrlLength, png) }] } }, 'an image over 20 M characters'],
      [{ type: 'code/insert', code: this.over(protocolLimits.codeLength) }, 'code over 5 M characters'],
      [{ type: 'draft/update', draft: { text: this.over(protocolLimits.textLength), attachments: [] } }, 'a draft over 1 M characters'],
      [{ type: this.over(5_000_000) }, 'a type of 5 M characters'],
      [{ type: 'history/open', conversationId: this.over(3_000_000) }, 'an id of 3 M characters'],
      [{ type: 'link/open', href: this.over(protocolLimits.hrefLength) }, 'a link over 8 K characters'],
    ];
    const [value, how] = this.random.pick(cases);
    // Built directly: the objects are JSON already, and a trip through JSON text would only cost time.
    return { value, how };
  }

  private deeplyNested(): HostileMessage {
    const depth = this.random.pick([1_000, 10_000, 100_000]);
    const arrays = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const objects = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const texts: [string, string][] = [
      [`{"type":"chat/send","requestId":"r1","text":"hi","attachments":${arrays}}`, 'attachments'],
      [`{"type":"chat/send","requestId":"r1","text":${objects},"attachments":[]}`, 'text'],
      [`{"type":"draft/update","draft":${objects}}`, 'draft'],
      [`{"type":"draft/update","draft":{"attachments":[${objects}]}}`, 'an attachment'],
      [`{"type":"history/open","conversationId":${arrays}}`, 'conversationId'],
      [`{"type":${arrays}}`, 'type'],
      [arrays, 'the message'],
    ];
    const [text, where] = this.random.pick(texts);
    return { value: JSON.parse(text) as unknown, how: `${where} nested ${depth} deep` };
  }

  /** A real message with a polluting key at the top or in an object the guard reads (an attachment, the draft). */
  private polluted(): HostileMessage {
    const { random } = this;
    const key = random.pick(['__proto__', 'constructor', 'prototype']);
    const payload = key === 'constructor' ? '{"prototype":{"polluted":true}}' : '{"polluted":true,"type":"ready"}';
    const message = random.chance(0.3) ? random.pick(validMessages) : this.sample();
    const marker = '"__POLLUTE__":0';
    const targets = [message as unknown, ...places(message).map((place) => place.value)].filter(
      (value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    const target = random.pick(targets);
    const copy = structuredClone(message) as unknown;
    const targetIndex = targets.indexOf(target);
    const copyTargets = [copy, ...places(copy).map((place) => place.value)].filter(
      (value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value),
    );
    copyTargets[targetIndex]!['__POLLUTE__'] = 0;
    const text = JSON.stringify(copy).replace(marker, `"${key}":${payload}`);
    const where = targetIndex === 0 ? 'the message' : 'a nested object';
    return { value: JSON.parse(text) as unknown, how: `${message.type} with an own '${key}' in ${where}` };
  }
}
