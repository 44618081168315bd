/**
 * The host's door: every message the webview posts passes `parseFromWebview` before anything acts
 * on it. The webview renders model output and so must be treated as compromised: a message is
 * accepted only when its `type` is known and every field has the right type, format and size.
 * The answer is a fresh object holding only the known fields, so nothing else the sender added
 * (extra keys, prototypes, accessors) travels further.
 */

import {
  attachmentKinds as knownAttachmentKinds,
  contextKinds as knownContextKinds,
  reasoningLevels as knownReasoningLevels,
  errorActions as knownErrorActions,
  idPattern,
  imageDataUrlPattern,
  protocolLimits,
  type Attachment,
  type ContextKind,
  type DraftView,
  type ErrorAction,
  type FromWebview,
  type FromWebviewType,
  type ModelSettings,
  type ReasoningLevel,
} from './messages';

export type GuardResult = { ok: true; message: FromWebview } | { ok: false; reason: string };

/** Characters of an attachment's name (a workspace-relative path or an image label). */
const nameLength = 1_024;
/** Characters of a `provider/model` id; custom endpoint names and OpenRouter ids make them long. */
const modelLength = 300;
/** Own keys of one object: real messages have a handful; bounding them bounds the work per message. */
const maxKeys = 32;

const languageIdPattern = /^[A-Za-z0-9_.+#-]{1,64}$/;
const linesPattern = /^[0-9]{1,9}(-[0-9]{1,9})?$/;
// A model id is `provider/model`: printable, no whitespace, at least one slash in the middle.
const modelPattern = /^[A-Za-z0-9_.-]+\/[\x21-\x7e]+$/;

/** Own keys that would pollute prototypes if a later step merged the object into another. */
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);
const attachmentKinds: ReadonlySet<string> = new Set<string>(knownAttachmentKinds);
const errorActions: ReadonlySet<string> = new Set<string>(knownErrorActions);
const contextKinds: ReadonlySet<string> = new Set<string>(knownContextKinds);
const reasoningLevels: ReadonlySet<string> = new Set<string>(knownReasoningLevels);
/** The most tokens an attachment can be said to have (a count the host makes; the view only echoes it). */
const maxAttachmentTokens = 100_000_000;

/** Thrown inside the parsers only; `parseFromWebview` turns it into `{ ok: false }`. */
class Rejection extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Titles are one line of text a person typed: no control characters (C0, DEL, C1). */
function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      return true;
    }
  }
  return false;
}

function reject(reason: string): never {
  throw new Rejection(reason);
}

type Fields = object;

/** A plain object (not an array, class instance, or object with accessors or prototype-polluting keys). */
function plainObject(value: unknown, what: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    reject(`${what} is not an object`);
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    reject(`${what} is not a plain object`);
  }
  const keys = Reflect.ownKeys(value);
  if (keys.length > maxKeys) {
    reject(`${what} has too many keys`);
  }
  for (const key of keys) {
    if (typeof key === 'symbol') {
      reject(`${what} has a symbol key`);
    }
    if (forbiddenKeys.has(key)) {
      reject(`${what} has the forbidden key '${key}'`);
    }
  }
  return value;
}

/** An own data property: a getter could answer differently each time it is read, so it is refused. */
function read(object: Fields, key: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  if (descriptor === undefined) {
    return undefined;
  }
  if (!('value' in descriptor)) {
    reject(`'${key}' is an accessor`);
  }
  return descriptor.value as unknown;
}

function string(object: Fields, key: string, maxLength: number): string {
  const value = read(object, key);
  if (typeof value !== 'string') {
    reject(`'${key}' is not a string`);
  }
  if (value.length > maxLength) {
    reject(`'${key}' is longer than ${maxLength} characters`);
  }
  return value;
}

function optionalString(object: Fields, key: string, maxLength: number): string | undefined {
  return read(object, key) === undefined ? undefined : string(object, key, maxLength);
}

function matching(object: Fields, key: string, maxLength: number, pattern: RegExp): string {
  const value = string(object, key, maxLength);
  if (!pattern.test(value)) {
    reject(`'${key}' is not in the expected format`);
  }
  return value;
}

function id(object: Fields, key: string): string {
  return matching(object, key, protocolLimits.idLength, idPattern);
}

function optionalId(object: Fields, key: string): string | undefined {
  return read(object, key) === undefined ? undefined : id(object, key);
}

function optionalLanguageId(object: Fields, key: string): string | undefined {
  return read(object, key) === undefined ? undefined : matching(object, key, 64, languageIdPattern);
}

function nonBlank(object: Fields, key: string, maxLength: number): string {
  const value = string(object, key, maxLength);
  if (value.trim().length === 0) {
    reject(`'${key}' is empty`);
  }
  return value;
}

function title(object: Fields, key: string): string {
  const value = nonBlank(object, key, protocolLimits.titleLength);
  if (hasControlCharacter(value)) {
    reject(`'${key}' contains control characters`);
  }
  return value;
}

/** A real array (not array-like, not sparse beyond its elements' own checks), at most `maxLength` long. */
function array(object: Fields, key: string, maxLength: number): unknown[] {
  const value = read(object, key);
  if (!Array.isArray(value) || Object.getPrototypeOf(value) !== Array.prototype) {
    reject(`'${key}' is not an array`);
  }
  const length = (value as unknown[]).length;
  if (length > maxLength) {
    reject(`'${key}' has more than ${maxLength} items`);
  }
  const items: unknown[] = [];
  for (let index = 0; index < length; index++) {
    items.push(read(value as unknown[], String(index)));
  }
  return items;
}

function attachment(value: unknown, index: number): Attachment {
  const what = `attachment ${index}`;
  const fields = plainObject(value, what);
  const kind = read(fields, 'kind');
  if (typeof kind !== 'string' || !attachmentKinds.has(kind)) {
    reject(`${what} has an unknown kind`);
  }
  const result: Attachment = { kind: kind as Attachment['kind'], name: nonBlank(fields, 'name', nameLength) };
  const languageId = optionalLanguageId(fields, 'languageId');
  if (languageId !== undefined) {
    result.languageId = languageId;
  }
  if (read(fields, 'lines') !== undefined) {
    result.lines = matching(fields, 'lines', 19, linesPattern);
  }
  if (read(fields, 'tokens') !== undefined) {
    result.tokens = wholeNumber(fields, 'tokens', 0, maxAttachmentTokens);
  }
  if (kind === 'image') {
    if (read(fields, 'text') !== undefined) {
      reject(`${what} is an image with text`);
    }
    result.dataUrl = matching(fields, 'dataUrl', protocolLimits.dataUrlLength, imageDataUrlPattern);
  } else {
    if (read(fields, 'dataUrl') !== undefined) {
      reject(`${what} is text with an image`);
    }
    result.text = string(fields, 'text', protocolLimits.attachmentTextLength);
  }
  return result;
}

/** A whole number from `min` to `max`. */
function wholeNumber(object: Fields, key: string, min: number, max: number): number {
  const value = read(object, key);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    reject(`'${key}' is not a whole number from ${min} to ${max}`);
  }
  return value;
}

function oneOf<T extends string>(object: Fields, key: string, known: ReadonlySet<string>): T {
  const value = read(object, key);
  if (typeof value !== 'string' || !known.has(value)) {
    reject(`'${key}' is not one of the known values`);
  }
  return value as T;
}

/** A workspace-relative path as the host listed it: no control characters, no `..` segment, not absolute. */
function relativePath(object: Fields, key: string): string {
  const value = nonBlank(object, key, protocolLimits.pathLength);
  if (hasControlCharacter(value) || value.startsWith('/') || value.includes('\\') || value.split('/').some((segment) => segment === '..' || segment === '')) {
    reject(`'${key}' is not a workspace-relative path`);
  }
  return value;
}

function modelSettings(value: unknown): ModelSettings {
  const fields = plainObject(value, "'settings'");
  const result: ModelSettings = {};
  if (read(fields, 'reasoning') !== undefined) {
    result.reasoning = oneOf<ReasoningLevel>(fields, 'reasoning', reasoningLevels);
  }
  const temperature = read(fields, 'temperature');
  if (temperature !== undefined) {
    if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature < 0 || temperature > 2) {
      reject("'temperature' is not a number from 0 to 2");
    }
    result.temperature = temperature;
  }
  if (read(fields, 'maxTokens') !== undefined) {
    result.maxTokens = wholeNumber(fields, 'maxTokens', 1, protocolLimits.maxTokens);
  }
  return result;
}

function attachments(object: Fields, key: string): Attachment[] {
  return array(object, key, protocolLimits.attachments).map(attachment);
}

function draft(value: unknown): DraftView {
  const fields = plainObject(value, "'draft'");
  const result: DraftView = { attachments: attachments(fields, 'attachments') };
  const text = optionalString(fields, 'text', protocolLimits.textLength);
  if (text !== undefined) {
    result.text = text;
  }
  return result;
}

type Parser<K extends FromWebviewType> = (fields: Fields) => Extract<FromWebview, { type: K }>;

/** One parser per message type; the mapped type makes a new type in `messages.ts` a compile error here until it is guarded. */
const parsers: { [K in FromWebviewType]: Parser<K> } = {
  ready: () => ({ type: 'ready' }),
  'chat/send': (fields) => ({
    type: 'chat/send',
    requestId: id(fields, 'requestId'),
    text: string(fields, 'text', protocolLimits.textLength),
    attachments: attachments(fields, 'attachments'),
  }),
  'chat/cancel': (fields) => {
    const requestId = optionalId(fields, 'requestId');
    return requestId === undefined ? { type: 'chat/cancel' } : { type: 'chat/cancel', requestId };
  },
  'chat/regenerate': (fields) => ({ type: 'chat/regenerate', requestId: id(fields, 'requestId') }),
  'chat/edit': (fields) => ({
    type: 'chat/edit',
    requestId: id(fields, 'requestId'),
    messageId: id(fields, 'messageId'),
    text: nonBlank(fields, 'text', protocolLimits.textLength),
  }),
  'chat/new': () => ({ type: 'chat/new' }),
  'models/select': (fields) => ({ type: 'models/select', model: matching(fields, 'model', modelLength, modelPattern) }),
  'history/open': (fields) => ({ type: 'history/open', conversationId: id(fields, 'conversationId') }),
  'history/rename': (fields) => ({ type: 'history/rename', conversationId: id(fields, 'conversationId'), title: title(fields, 'title') }),
  'history/delete': (fields) => ({ type: 'history/delete', conversationId: id(fields, 'conversationId') }),
  'history/export': (fields) => ({ type: 'history/export', conversationId: id(fields, 'conversationId') }),
  'code/copy': (fields) => ({ type: 'code/copy', code: string(fields, 'code', protocolLimits.codeLength) }),
  'code/insert': (fields) => ({ type: 'code/insert', code: string(fields, 'code', protocolLimits.codeLength) }),
  'code/newFile': (fields) => {
    const code = string(fields, 'code', protocolLimits.codeLength);
    const languageId = optionalLanguageId(fields, 'languageId');
    return languageId === undefined ? { type: 'code/newFile', code } : { type: 'code/newFile', code, languageId };
  },
  'link/open': (fields) => ({ type: 'link/open', href: nonBlank(fields, 'href', protocolLimits.hrefLength) }),
  'action/run': (fields) => {
    const action = read(fields, 'action');
    if (typeof action !== 'string' || !errorActions.has(action)) {
      reject("'action' is not a known action");
    }
    return { type: 'action/run', action: action as ErrorAction };
  },
  'context/add': (fields) => ({ type: 'context/add', kind: oneOf<ContextKind>(fields, 'kind', contextKinds) }),
  'modelSettings/set': (fields) => ({ type: 'modelSettings/set', settings: modelSettings(read(fields, 'settings')) }),
  'instructions/toggle': (fields) => {
    const enabled = read(fields, 'enabled');
    if (typeof enabled !== 'boolean') {
      reject("'enabled' is not true or false");
    }
    return { type: 'instructions/toggle', path: relativePath(fields, 'path'), enabled };
  },
  'instructions/open': (fields) => ({ type: 'instructions/open', path: relativePath(fields, 'path') }),
  'history/search': (fields) => {
    const query = string(fields, 'query', protocolLimits.queryLength);
    if (hasControlCharacter(query)) {
      reject("'query' contains control characters");
    }
    return { type: 'history/search', query };
  },
  'draft/update': (fields) => ({ type: 'draft/update', draft: draft(read(fields, 'draft')) }),
};

function isKnownType(type: string): type is FromWebviewType {
  return Object.prototype.hasOwnProperty.call(parsers, type);
}

/**
 * Checks a message the webview posted. Never throws, whatever the value (proxies and throwing
 * getters included); an accepted message is a fresh plain object with only the protocol's fields.
 */
export function parseFromWebview(value: unknown): GuardResult {
  try {
    const fields = plainObject(value, 'the message');
    const type = read(fields, 'type');
    if (typeof type !== 'string' || !isKnownType(type)) {
      return { ok: false, reason: 'unknown message type' };
    }
    const parse = parsers[type] as (fields: Fields) => FromWebview;
    return { ok: true, message: parse(fields) };
  } catch (error) {
    if (error instanceof Rejection) {
      return { ok: false, reason: error.reason };
    }
    // A proxy trap or a throwing getter: whatever it is, it is not a message.
    return { ok: false, reason: 'the value could not be read' };
  }
}
