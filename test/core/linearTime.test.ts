/**
 * Linear time on hostile text. An HTML error page is reduced to readable text from its first
 * 64 KiB with forward scans (regexes over `<<<<` took seconds), and the SSE and NDJSON decoders
 * keep an unfinished line as pieces, so a line sent in many small reads is not copied once per
 * read. The assertions are on the output; how long it takes belongs to `npm run bench`.
 */

import assert from 'node:assert/strict';
import { NdjsonDecoder } from '../../src/core/http/ndjson';
import { SseDecoder } from '../../src/core/http/sse';
import { examinedChars, readableText } from '../../src/core/providers/readableText';

const mebibyte = 1024 * 1024;

/** The reduction as it was written with regexes: right on ordinary pages, quadratic on hostile ones. */
function regexOracle(text: string): string {
  const excerpt = (value: string): string => (value.length > 300 ? `${value.slice(0, 300)}…` : value);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1]?.trim();
  const body = text
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const summary = title !== undefined && title.length > 0 ? `${title}${body.startsWith(title) ? '' : ` — ${body}`}` : body;
  return `an HTML page: ${excerpt(summary)}`;
}

describe('readableText on hostile pages', () => {
  const ordinaryPages = [
    '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
    '<!DOCTYPE html><html><head><title> Access denied </title><style>body { color: red }</style></head><body><p>Your&nbsp;request was blocked.</p><script type="text/javascript">var key = 1;</script><p>Ray ID: 42</p></body></html>',
    '<html><body>a <> b <<c>> d < e</body></html>',
    '<html><body><SCRIPT>x</SCRIPT>Text<Style>s</Style> after</body></html>',
    '<html><body><script>never closed <b>bold</b> words</body></html>',
  ];
  for (const page of ordinaryPages) {
    it(`reads an ordinary page as the regex version did: ${page.slice(0, 50)}…`, () => {
      assert.equal(readableText(page, 'text/html'), regexOracle(page));
    });
  }

  it('reduces 1 MiB of "<" to its first words', () => {
    assert.equal(readableText('<'.repeat(mebibyte), 'text/html'), `an HTML page: ${'<'.repeat(300)}…`);
  });

  it('reduces 1 MiB of unclosed <script> tags to nothing', () => {
    assert.equal(readableText('<script>'.repeat(mebibyte / 8), 'text/html'), 'an HTML page: ');
  });

  it(`examines only the first ${examinedChars / 1024} KiB: a title after them is not looked for`, () => {
    const page = `<html><body>${'word '.repeat(examinedChars / 5)}<title>Late title</title></body></html>`;
    assert.ok(!readableText(page, 'text/html').includes('Late title'));
    assert.equal(readableText(`<html><title>Early title</title>${page}`, 'text/html'), 'an HTML page: Early title');
  });
});

describe('decoders on a line sent in many small reads', () => {
  const line = 'x'.repeat(mebibyte);
  const pieces = 65_536;
  const pieceLength = line.length / pieces;

  it('SSE: 1 MiB of data in 65,536 reads comes out whole', () => {
    const decoder = new SseDecoder(2 * mebibyte);
    const events: string[] = [];
    const encoded = Buffer.from(`data: ${line}`);
    const head = 'data: '.length;
    decoder.push(encoded.subarray(0, head), (event) => events.push(event.data));
    for (let i = 0; i < pieces; i++) {
      decoder.push(encoded.subarray(head + i * pieceLength, head + (i + 1) * pieceLength), (event) => events.push(event.data));
    }
    decoder.push(Buffer.from('\n\n'), (event) => events.push(event.data));
    assert.equal(events.length, 1);
    assert.equal(events[0], line);
  });

  it('NDJSON: a 1 MiB line in 65,536 reads comes out whole', () => {
    const decoder = new NdjsonDecoder(2 * mebibyte);
    const values: unknown[] = [];
    const encoded = Buffer.from(JSON.stringify({ text: line }));
    const size = Math.ceil(encoded.length / pieces);
    for (let offset = 0; offset < encoded.length; offset += size) {
      decoder.push(encoded.subarray(offset, offset + size), (value) => values.push(value));
    }
    decoder.push(Buffer.from('\n'), (value) => values.push(value));
    assert.deepStrictEqual(values, [{ text: line }]);
  });
});
