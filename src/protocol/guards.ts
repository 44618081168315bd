/**
 * The host's door: every message the webview posts passes `parseFromWebview` before anything acts
 * on it. The webview renders model output and so must be treated as compromised: a message is
 * accepted only when its `type` is known and every field has the right type, format and size.
 * The answer is a fresh object holding only the known fields, so nothing else the sender added
 * (extra keys, prototypes, accessors) travels further.
 */

import { array, hasControlCharacter, id, matching, nonBlank, oneOf, optionalId, optionalString, plainObject, read, reject, Rejection, string, title, wholeNumber, type Fields } from './guardReaders';
import {
  attachmentKinds as knownAttachmentKinds,
  contextKinds as knownContextKinds,
  errorActions as knownErrorActions,
  imageDataUrlPattern,
  protocolLimits,
  type Attachment,
  type ContextKind,
  type DraftView,
  type ErrorAction,
  type FromWebview,
  type FromWebviewType,
} from './messages';
import { toolParsers } from './toolGuards';
import { reasoningLevels as knownReasoningLevels, type ModelSettings, type ReasoningLevel } from './requestViews';

export type GuardResult = { ok: true; message: FromWebview } | { ok: false; reason: string };

/** Characters of an attachment's name (a workspace-relative path or an image label). */
const nameLength = 1_024;
/** Characters of a `provider/model` id; custom endpoint names and OpenRouter ids make them long. */
const modelLength = 300;

const languageIdPattern = /^[A-Za-z0-9_.+#-]{1,64}$/;
const linesPattern = /^[0-9]{1,9}(-[0-9]{1,9})?$/;
// A model id is `provider/model`: printable, no whitespace, at least one slash in the middle.
const modelPattern = /^[A-Za-z0-9_.-]+\/[\x21-\x7e]+$/;

const attachmentKinds: ReadonlySet<string> = new Set<string>(knownAttachmentKinds);
const errorActions: ReadonlySet<string> = new Set<string>(knownErrorActions);
const contextKinds: ReadonlySet<string> = new Set<string>(knownContextKinds);
const reasoningLevels: ReadonlySet<string> = new Set<string>(knownReasoningLevels);
/** The most tokens an attachment can be said to have (a count the host makes; the view only echoes it). */
const maxAttachmentTokens = 100_000_000;

function optionalLanguageId(object: Fields, key: string): string | undefined {
  return read(object, key) === undefined ? undefined : matching(object, key, 64, languageIdPattern);
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
  'chat/composing': () => ({ type: 'chat/composing' }),
  'models/select': (fields) => ({ type: 'models/select', model: matching(fields, 'model', modelLength, modelPattern) }),
  'history/shown': () => ({ type: 'history/shown' }),
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
  'code/apply': (fields) => ({ type: 'code/apply', messageId: id(fields, 'messageId'), code: string(fields, 'code', protocolLimits.codeLength) }),
  'code/applyAll': (fields) => ({ type: 'code/applyAll', messageId: id(fields, 'messageId') }),
  'review/decide': (fields) => {
    const decision = read(fields, 'decision');
    if (decision !== 'accept' && decision !== 'reject') {
      reject("'decision' is neither 'accept' nor 'reject'");
    }
    return { type: 'review/decide', decision };
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
  ...toolParsers,
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
