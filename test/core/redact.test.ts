import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { maskKey } from '../../src/core';
import { redact, redactDeep } from '../../src/core/redact';

const key = 'sk-proj-0123456789abcdefWXYZ';

describe('redact', () => {
  it('replaces every occurrence of every secret', () => {
    assert.equal(
      redact(`Incorrect API key provided: ${key}. Key ${key} or az-key-98765432?`, [key, undefined, 'az-key-98765432']),
      'Incorrect API key provided: [redacted]. Key [redacted] or [redacted]?',
    );
  });

  it('leaves text without secrets, and secrets shorter than 8 characters, alone', () => {
    assert.deepStrictEqual(
      [redact('nothing secret here', [key]), redact('the model is gpt-4o', ['gpt-4o']), redact('', [key]), redact(key, [])],
      ['nothing secret here', 'the model is gpt-4o', '', key],
    );
  });

  it('redacts a secret that contains another one whole, whatever their order', () => {
    const long = `${key}-with-a-secret-tail`;
    assert.deepStrictEqual([redact(`a ${long} b ${key}`, [key, long]), redact(`a ${long} b ${key}`, [long, key])], ['a [redacted] b [redacted]', 'a [redacted] b [redacted]']);
  });
});

describe('redactDeep', () => {
  it('returns a copy with every string redacted, other values kept, the input unchanged', () => {
    const body = {
      error: { message: `Bad key ${key}`, code: 401, param: null, retryable: false, details: [`${key}`, { hint: `use ${key}` }, 3] },
      user_id: 'user-1',
    };
    const before = structuredClone(body);
    assert.deepStrictEqual(
      [redactDeep(body, [key]), body],
      [
        { error: { message: 'Bad key [redacted]', code: 401, param: null, retryable: false, details: ['[redacted]', { hint: 'use [redacted]' }, 3] }, user_id: 'user-1' },
        before,
      ],
    );
  });

  it('passes scalars through', () => {
    assert.deepStrictEqual([redactDeep(key, [key]), redactDeep(42, [key]), redactDeep(null, [key]), redactDeep(undefined, [key])], ['[redacted]', 42, null, undefined]);
  });
});

describe('maskKey', () => {
  it('shows at most the first 3 and last 4 characters of a long key, nothing of a short one', () => {
    assert.deepStrictEqual([maskKey(key), maskKey('abcdefghijklmnopqrst'), maskKey('abcdefghijkl'), maskKey(''), maskKey(undefined)], ['sk-…WXYZ', 'abc…qrst', '…', '(none)', '(none)']);
  });
});
