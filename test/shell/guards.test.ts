/**
 * The host's door, case by case: every message type accepted in its valid forms (and copied to a
 * fresh object with only its fields), and each way a field can be wrong rejected with a reason.
 */

import assert from 'node:assert/strict';
import { parseFromWebview } from '../../src/protocol/guards';
import { protocolLimits } from '../../src/protocol/messages';
import { png, validMessages } from '../helpers/protocolSamples';

function rejected(value: unknown): string {
  const result = parseFromWebview(value);
  assert.equal(result.ok, false, `accepted: ${JSON.stringify(value)?.slice(0, 200)}`);
  return result.ok ? '' : result.reason;
}

describe('protocol guards: valid messages', () => {
  it('accepts every message type in its valid forms, as an equal but fresh object', () => {
    for (const message of validMessages) {
      const result = parseFromWebview(message);
      assert.deepStrictEqual(result, { ok: true, message });
      assert.ok(result.ok && result.message !== message, 'the accepted message is a copy');
    }
  });

  it('drops fields the protocol does not know, at every level', () => {
    const result = parseFromWebview({
      type: 'chat/send',
      requestId: 'r1',
      text: 'hi',
      attachments: [{ kind: 'file', name: 'a.ts', text: 'x', extra: 'dropped', onclick: 'alert(1)' }],
      html: '<img src=x onerror=alert(1)>',
    });
    assert.deepStrictEqual(result, { ok: true, message: { type: 'chat/send', requestId: 'r1', text: 'hi', attachments: [{ kind: 'file', name: 'a.ts', text: 'x' }] } });
  });

  it('accepts objects without a prototype (structured clones may have none) and values at their limits', () => {
    const message = Object.assign(Object.create(null) as object, { type: 'chat/edit', requestId: 'a'.repeat(protocolLimits.idLength), messageId: 'm', text: 'x'.repeat(protocolLimits.textLength) });
    const result = parseFromWebview(message);
    assert.equal(result.ok, true);
    assert.equal(Object.getPrototypeOf(result.ok ? result.message : null), Object.prototype);
  });

  it('accepts the maximum number of attachments', () => {
    const attachments = Array.from({ length: protocolLimits.attachments }, (_, index) => ({ kind: 'file', name: `f${index}.ts`, text: '' }));
    assert.equal(parseFromWebview({ type: 'chat/send', requestId: 'r', text: 'x', attachments }).ok, true);
  });
});

describe('protocol guards: rejected messages', () => {
  const cases: [string, unknown, string][] = [
    ['undefined', undefined, 'the message is not an object'],
    ['null', null, 'the message is not an object'],
    ['a string', 'ready', 'the message is not an object'],
    ['a number', 42, 'the message is not an object'],
    ['NaN', Number.NaN, 'the message is not an object'],
    ['an array', [{ type: 'ready' }], 'the message is not an object'],
    ['a class instance', new (class Message { type = 'ready'; })(), 'the message is not a plain object'],
    ['a Date', new Date(), 'the message is not a plain object'],
    ['a Map', new Map([['type', 'ready']]), 'the message is not a plain object'],
    ['no type', {}, 'unknown message type'],
    ['an unknown type', { type: 'chat/explode' }, 'unknown message type'],
    ['a host→webview type', { type: 'chat/delta', requestId: 'r', messageId: 'm', seq: 0 }, 'unknown message type'],
    ['an Object.prototype name as type', { type: 'toString' }, 'unknown message type'],
    ['type __proto__', { type: '__proto__' }, 'unknown message type'],
    ['a numeric type', { type: 1 }, 'unknown message type'],
    ['an own __proto__ key', JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'), "the message has the forbidden key '__proto__'"],
    ['an own constructor key', { type: 'ready', constructor: { prototype: { polluted: true } } }, "the message has the forbidden key 'constructor'"],
    ['an own prototype key', { type: 'ready', prototype: {} }, "the message has the forbidden key 'prototype'"],
    ['a symbol key', { type: 'ready', [Symbol('x')]: 1 }, 'the message has a symbol key'],
    ['too many keys', Object.fromEntries([['type', 'ready'], ...Array.from({ length: 40 }, (_, index) => [`k${index}`, index])]), 'the message has too many keys'],
    ['a getter type', Object.defineProperty({}, 'type', { get: () => 'ready', enumerable: true }), "'type' is an accessor"],
    ['send without requestId', { type: 'chat/send', text: 'hi', attachments: [] }, "'requestId' is not a string"],
    ['send with a numeric requestId', { type: 'chat/send', requestId: 7, text: 'hi', attachments: [] }, "'requestId' is not a string"],
    ['send with a path in requestId', { type: 'chat/send', requestId: '../../etc', text: 'hi', attachments: [] }, "'requestId' is not in the expected format"],
    ['send with an empty requestId', { type: 'chat/send', requestId: '', text: 'hi', attachments: [] }, "'requestId' is not in the expected format"],
    ['send with a long requestId', { type: 'chat/send', requestId: 'a'.repeat(protocolLimits.idLength + 1), text: 'hi', attachments: [] }, `'requestId' is longer than ${protocolLimits.idLength} characters`],
    ['send with NaN text', { type: 'chat/send', requestId: 'r', text: Number.NaN, attachments: [] }, "'text' is not a string"],
    ['send with a String object', { type: 'chat/send', requestId: 'r', text: new String('hi'), attachments: [] }, "'text' is not a string"],
    ['send with huge text', { type: 'chat/send', requestId: 'r', text: 'x'.repeat(protocolLimits.textLength + 1), attachments: [] }, `'text' is longer than ${protocolLimits.textLength} characters`],
    ['send without attachments', { type: 'chat/send', requestId: 'r', text: 'hi' }, "'attachments' is not an array"],
    ['send with attachments as object', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: { 0: { kind: 'file', name: 'a', text: '' }, length: 1 } }, "'attachments' is not an array"],
    ['too many attachments', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: Array.from({ length: protocolLimits.attachments + 1 }, () => ({ kind: 'file', name: 'a', text: '' })) }, `'attachments' has more than ${protocolLimits.attachments} items`],
    ['a sparse attachments array', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: new Array(2) }, 'attachment 0 is not an object'],
    ['an unknown attachment kind', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'script', name: 'a', text: '' }] }, 'attachment 0 has an unknown kind'],
    ['an attachment without name', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'file', text: '' }] }, "'name' is not a string"],
    ['an attachment with a blank name', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'file', name: '  ', text: '' }] }, "'name' is empty"],
    ['a text attachment without text', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'selection', name: 'a' }] }, "'text' is not a string"],
    ['a text attachment with an image', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'file', name: 'a', text: '', dataUrl: png }] }, 'attachment 0 is text with an image'],
    ['an image with text', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'image', name: 'a', text: 'x', dataUrl: png }] }, 'attachment 0 is an image with text'],
    ['an image without data', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'image', name: 'a' }] }, "'dataUrl' is not a string"],
    ['an image from the network', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'image', name: 'a', dataUrl: 'https://evil.example/x.png' }] }, "'dataUrl' is not in the expected format"],
    ['an SVG image', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'image', name: 'a', dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }] }, "'dataUrl' is not in the expected format"],
    ['an image that is not base64', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'image', name: 'a', dataUrl: 'data:image/png;base64,<script>' }] }, "'dataUrl' is not in the expected format"],
    ['an HTML data URL', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'image', name: 'a', dataUrl: 'data:text/html;base64,PHNjcmlwdD4=' }] }, "'dataUrl' is not in the expected format"],
    ['a bad language id', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'file', name: 'a', text: '', languageId: 'ts"><script>' }] }, "'languageId' is not in the expected format"],
    ['bad lines', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'selection', name: 'a', text: '', lines: '1-2; rm -rf' }] }, "'lines' is not in the expected format"],
    ['an attachment with __proto__', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [JSON.parse('{"kind":"file","name":"a","text":"","__proto__":{"x":1}}')] }, "attachment 0 has the forbidden key '__proto__'"],
    ['an attachment that is an array', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [['file', 'a', '']] }, 'attachment 0 is not an object'],
    ['a huge attachment text', { type: 'chat/send', requestId: 'r', text: 'hi', attachments: [{ kind: 'file', name: 'a', text: 'x'.repeat(protocolLimits.attachmentTextLength + 1) }] }, `'text' is longer than ${protocolLimits.attachmentTextLength} characters`],
    ['cancel with a bad requestId', { type: 'chat/cancel', requestId: 'a b' }, "'requestId' is not in the expected format"],
    ['cancel with a null requestId', { type: 'chat/cancel', requestId: null }, "'requestId' is not a string"],
    ['regenerate without requestId', { type: 'chat/regenerate' }, "'requestId' is not a string"],
    ['edit with blank text', { type: 'chat/edit', requestId: 'r', messageId: 'm', text: ' \n ' }, "'text' is empty"],
    ['edit with a bad messageId', { type: 'chat/edit', requestId: 'r', messageId: 'm/../x', text: 'x' }, "'messageId' is not in the expected format"],
    ['select a model without provider', { type: 'models/select', model: 'gpt-4o' }, "'model' is not in the expected format"],
    ['select a model with spaces', { type: 'models/select', model: 'openai/gpt 4o' }, "'model' is not in the expected format"],
    ['select a model with a newline', { type: 'models/select', model: 'openai/gpt-4o\nx' }, "'model' is not in the expected format"],
    ['select an empty model', { type: 'models/select', model: '' }, "'model' is not in the expected format"],
    ['select a model as array', { type: 'models/select', model: ['openai/gpt-4o'] }, "'model' is not a string"],
    ['open a path', { type: 'history/open', conversationId: '../secrets' }, "'conversationId' is not in the expected format"],
    ['open a dotted id', { type: 'history/open', conversationId: 'abc.json' }, "'conversationId' is not in the expected format"],
    ['delete without id', { type: 'history/delete' }, "'conversationId' is not a string"],
    ['export an absolute path', { type: 'history/export', conversationId: '/etc/passwd' }, "'conversationId' is not in the expected format"],
    ['rename to blank', { type: 'history/rename', conversationId: 'c', title: '   ' }, "'title' is empty"],
    ['rename with a newline', { type: 'history/rename', conversationId: 'c', title: 'a\nb' }, "'title' contains control characters"],
    ['rename too long', { type: 'history/rename', conversationId: 'c', title: 'x'.repeat(protocolLimits.titleLength + 1) }, `'title' is longer than ${protocolLimits.titleLength} characters`],
    ['copy a number', { type: 'code/copy', code: 12 }, "'code' is not a string"],
    ['insert huge code', { type: 'code/insert', code: 'x'.repeat(protocolLimits.codeLength + 1) }, `'code' is longer than ${protocolLimits.codeLength} characters`],
    ['a new file in a bad language', { type: 'code/newFile', code: 'x', languageId: '' }, "'languageId' is not in the expected format"],
    ['open an empty link', { type: 'link/open', href: '' }, "'href' is empty"],
    ['open a huge link', { type: 'link/open', href: `https://${'a'.repeat(protocolLimits.hrefLength)}` }, `'href' is longer than ${protocolLimits.hrefLength} characters`],
    ['run an unknown action', { type: 'action/run', action: 'deleteEverything' }, "'action' is not a known action"],
    ['run an inherited name', { type: 'action/run', action: 'toString' }, "'action' is not a known action"],
    ['update a draft without draft', { type: 'draft/update' }, "'draft' is not an object"],
    ['update a draft that is an array', { type: 'draft/update', draft: [] }, "'draft' is not an object"],
    ['update a draft without attachments', { type: 'draft/update', draft: { text: 'x' } }, "'attachments' is not an array"],
    ['update a draft with numeric text', { type: 'draft/update', draft: { text: 1, attachments: [] } }, "'text' is not a string"],
    ['approve with an unknown decision', { type: 'tools/approve', requestId: 'r', callId: 'c', decision: 'allowEverything' }, "'decision' is not one of the known values"],
    ['approve an inherited decision', { type: 'tools/approve', requestId: 'r', callId: 'c', decision: 'toString' }, "'decision' is not one of the known values"],
    ['approve without a call id', { type: 'tools/approve', requestId: 'r', decision: 'allow' }, "'callId' is not a string"],
    ['approve a blank call id', { type: 'tools/approve', requestId: 'r', callId: ' ', decision: 'allow' }, "'callId' is empty"],
    ['approve a call id with a newline', { type: 'tools/approve', requestId: 'r', callId: 'a\nb', decision: 'allow' }, "'callId' contains control characters"],
    ['toggle with a string flag', { type: 'tools/toggle', sourceId: 'builtin', enabled: 'yes' }, "'enabled' is not true or false"],
    ['toggle a huge source id', { type: 'tools/toggle', sourceId: 'x'.repeat(protocolLimits.toolNameLength + 1), enabled: true }, `'sourceId' is longer than ${protocolLimits.toolNameLength} characters`],
    ['toggle a tool named by a number', { type: 'tools/toggle', sourceId: 'builtin', tool: 7, enabled: true }, "'tool' is not a string"],
    ['revoke without a tool', { type: 'tools/revoke', sourceId: 'builtin' }, "'tool' is not a string"],
    ['continue with a bad message id', { type: 'chat/continue', requestId: 'r', messageId: '../m' }, "'messageId' is not in the expected format"],
  ];
  for (const [label, value, reason] of cases) {
    it(`rejects ${label}`, () => {
      assert.equal(rejected(value), reason);
    });
  }

  it('rejects values that throw when read, without throwing', () => {
    const hostile = new Proxy(
      {},
      {
        getPrototypeOf: () => {
          throw new Error('trap');
        },
      },
    );
    assert.deepStrictEqual(parseFromWebview(hostile), { ok: false, reason: 'the value could not be read' });
    const revocable = Proxy.revocable({ type: 'ready' }, {});
    revocable.revoke();
    assert.deepStrictEqual(parseFromWebview(revocable.proxy), { ok: false, reason: 'the value could not be read' });
  });

  it('rejects an attachments array with an inherited element getter', () => {
    const attachments: unknown[] = [];
    Object.defineProperty(attachments, '0', { get: () => ({ kind: 'file', name: 'a', text: '' }), enumerable: true });
    assert.equal(rejected({ type: 'chat/send', requestId: 'r', text: 'hi', attachments }), "'0' is an accessor");
  });
});
