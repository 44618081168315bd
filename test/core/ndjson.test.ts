import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { NdjsonDecoder } from '../../src/core/http/ndjson';
import { splitPoints } from '../helpers/wireServer';

interface Read {
  value: unknown;
  line: string;
}

const encoder = new TextEncoder();

function decodePieces(pieces: readonly Uint8Array[]): Read[] {
  const decoder = new NdjsonDecoder();
  const reads: Read[] = [];
  const sink = (value: unknown, line: string): void => {
    reads.push({ value, line });
  };
  for (const piece of pieces) {
    decoder.push(piece, sink);
  }
  decoder.end(sink);
  return reads;
}

function decodeText(...pieces: string[]): Read[] {
  return decodePieces(pieces.map((piece) => encoder.encode(piece)));
}

// Shaped like Ollama's /api/chat stream, with multi-byte text so splits land inside characters.
const lines = [
  { model: 'llama3.2', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content: 'Grüß ' }, done: false },
  { model: 'llama3.2', created_at: '2025-01-01T00:00:01Z', message: { role: 'assistant', content: '中文 😀' }, done: false },
  { model: 'llama3.2', created_at: '2025-01-01T00:00:02Z', message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', prompt_eval_count: 26, eval_count: 2 },
];
const expected: Read[] = lines.map((value) => ({ value, line: JSON.stringify(value) }));
const body = encoder.encode(lines.map((value) => `${JSON.stringify(value)}\n`).join(''));

describe('NdjsonDecoder', () => {
  it('reads one JSON value per line, whole', () => {
    assert.deepStrictEqual(decodePieces([body]), expected);
  });

  it('reads the same values when split into two pieces at every byte position', () => {
    for (let position = 1; position < body.length; position++) {
      assert.deepStrictEqual(decodePieces([body.subarray(0, position), body.subarray(position)]), expected, `split at byte ${position}`);
    }
  });

  it('reads the same values byte by byte and at seeded random splits', () => {
    const bytewise = Array.from({ length: body.length }, (_, i) => body.subarray(i, i + 1));
    const results = [decodePieces(bytewise)];
    for (const seed of [3, 77, 2024]) {
      const cuts = [0, ...splitPoints(body.length, seed, 9), body.length];
      results.push(decodePieces(cuts.slice(1).map((end, i) => body.subarray(cuts[i], end))));
    }
    assert.deepStrictEqual(results, [expected, expected, expected, expected]);
  });

  it('skips blank and whitespace-only lines, and reads CRLF line ends', () => {
    assert.deepStrictEqual(decodeText('\n{"a":1}\r\n\r\n  \n\t\n{"b":2}\n\n'), [
      { value: { a: 1 }, line: '{"a":1}' },
      { value: { b: 2 }, line: '{"b":2}' },
    ]);
  });

  it('reads a last line without its newline at end()', () => {
    assert.deepStrictEqual(decodeText('{"a":1}\n{"b":', '2}'), [
      { value: { a: 1 }, line: '{"a":1}' },
      { value: { b: 2 }, line: '{"b":2}' },
    ]);
  });

  it('delivers nothing for an empty body or one of blank lines', () => {
    assert.deepStrictEqual([decodeText(''), decodeText('\n\n \r\n')], [[], []]);
  });

  it('throws SyntaxError for a malformed line once the line is complete, after the good lines before it', () => {
    const decoder = new NdjsonDecoder();
    const values: unknown[] = [];
    const sink = (value: unknown): void => {
      values.push(value);
    };
    decoder.push(encoder.encode('{"a":1}\n{"b":'), sink);
    assert.throws(() => decoder.push(encoder.encode('oops}\n'), sink), SyntaxError);
    assert.deepStrictEqual(values, [{ a: 1 }]);
  });

  it('throws SyntaxError for a malformed last line at end()', () => {
    const decoder = new NdjsonDecoder();
    const sink = (): void => {};
    decoder.push(encoder.encode('{"a":1}\n<html>'), sink);
    assert.throws(() => decoder.end(sink), SyntaxError);
  });
});
