import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createParser } from 'eventsource-parser';
import { describe, it } from 'mocha';
import { SseDecoder, type SseEvent } from '../../src/core/http/sse';
import { splitPoints } from '../helpers/wireServer';

interface Decoded {
  events: SseEvent[];
  comments: number;
}

const encoder = new TextEncoder();

/** Feeds the pieces to one decoder, as reads off a socket, then ends the stream. */
function decodePieces(pieces: readonly Uint8Array[]): Decoded {
  const decoder = new SseDecoder();
  const events: SseEvent[] = [];
  const sink = (event: SseEvent): void => {
    events.push(event);
  };
  for (const piece of pieces) {
    decoder.push(piece, sink);
  }
  decoder.end(sink);
  return { events, comments: decoder.comments };
}

function decodeText(...pieces: string[]): Decoded {
  return decodePieces(pieces.map((piece) => encoder.encode(piece)));
}

/** An event as the decoder reports it, with the defaults written out. */
function message(data: string, event?: string, id?: string): SseEvent {
  return { event, data, id };
}

function splitAt(body: Uint8Array, points: readonly number[]): Uint8Array[] {
  const cuts = [0, ...points, body.length];
  return cuts.slice(1).map((end, i) => body.subarray(cuts[i], end));
}

function bytewise(body: Uint8Array): Uint8Array[] {
  return Array.from({ length: body.length }, (_, i) => body.subarray(i, i + 1));
}

/**
 * A cheap equality for the hot loops below: a deep comparison per split position would dominate
 * the run time. A mismatch is then compared deeply, so the failure shows the difference.
 */
function sameDecoded(a: Decoded, b: Decoded): boolean {
  return (
    a.comments === b.comments &&
    a.events.length === b.events.length &&
    a.events.every((event, i) => {
      const other = b.events[i];
      return other !== undefined && event.data === other.data && event.event === other.event && event.id === other.id;
    })
  );
}

/** Every two-piece split of `body` must decode like the whole. */
function assertEveryTwoPieceSplit(body: Uint8Array, whole: Decoded): void {
  for (let position = 1; position < body.length; position++) {
    const split = decodePieces([body.subarray(0, position), body.subarray(position)]);
    if (!sameDecoded(split, whole)) {
      assert.deepStrictEqual(split, whole, `split at byte ${position} of ${body.length}`);
    }
  }
}

/** Bodies up to this size are re-decoded whole for each split position (quadratic: about 0.3 s at this size). */
const fullSplitLimit = 16_000;

/**
 * For a body too big to re-decode once per byte: every byte position is still a split point, but
 * inside a window of the event holding it and the event before (blank-line boundaries; events do
 * not depend on each other in these recordings, which carry no `id`), compared with
 * that window decoded whole.
 */
function assertEveryTwoPieceSplitWindowed(body: Buffer): void {
  assert.ok(!/^id:/m.test(body.toString('utf8')), 'the windowed split needs events without ids');
  // Blank-line boundaries in any of the three line-end styles (Gemini ends lines with CRLF);
  // latin1 keeps string offsets equal to byte offsets.
  const boundaries = [0];
  for (const match of body.toString('latin1').matchAll(/\r\n\r\n|\n\n|\r\r/g)) {
    boundaries.push(match.index + match[0].length);
  }
  if (boundaries[boundaries.length - 1] !== body.length) {
    boundaries.push(body.length);
  }
  let block = 0;
  let cache: { start: number; end: number; whole: Decoded } | undefined;
  for (let position = 1; position < body.length; position++) {
    while ((boundaries[block + 1] ?? body.length) <= position) {
      block++;
    }
    const start = boundaries[Math.max(0, block - 1)] ?? 0;
    const end = boundaries[block + 1] ?? body.length;
    if (cache?.start !== start || cache.end !== end) {
      cache = { start, end, whole: decodePieces([body.subarray(start, end)]) };
    }
    const split = decodePieces([body.subarray(start, position), body.subarray(position, end)]);
    if (!sameDecoded(split, cache.whole)) {
      assert.deepStrictEqual(split, cache.whole, `split at byte ${position} of ${body.length} (window ${start}..${end})`);
    }
  }
}

const seeds = [7, 1234, 99991, 424242] as const;

function assertSeededSplits(body: Uint8Array, whole: Decoded): void {
  for (const seed of seeds) {
    for (const pieces of [3, 17, 64]) {
      assert.deepStrictEqual(decodePieces(splitAt(body, splitPoints(body.length, seed, pieces))), whole, `seed ${seed}, ${pieces} pieces`);
    }
  }
}

/** An independent reading of the same bytes (eventsource-parser, what the Vercel AI SDK uses). */
function referenceEvents(text: string): { event: string | undefined; data: string }[] {
  const events: { event: string | undefined; data: string }[] = [];
  const parser = createParser({ onEvent: (event) => events.push({ event: event.event, data: event.data }) });
  parser.feed(text);
  return events;
}

interface SseFixture {
  name: string;
  body: Buffer;
  /** The counts the recording states: OpenAI-style data events, or Anthropic's named events; some state none. */
  sse: { data_events?: number; done_sentinel?: boolean; comment_lines?: number; events?: number };
}

/** Every recorded body served as `text/event-stream`, found from the metadata, not listed by hand. */
function sseFixtures(): SseFixture[] {
  const root = join(process.cwd(), 'test', 'fixtures');
  const found: SseFixture[] = [];
  for (const provider of readdirSync(root, { withFileTypes: true })) {
    if (!provider.isDirectory()) {
      continue;
    }
    for (const file of readdirSync(join(root, provider.name))) {
      if (!file.endsWith('.json')) {
        continue;
      }
      const meta = JSON.parse(readFileSync(join(root, provider.name, file), 'utf8')) as {
        headers?: Record<string, string>;
        expected?: { sse?: SseFixture['sse'] };
      };
      const contentType = Object.entries(meta.headers ?? {}).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
      if (!contentType.startsWith('text/event-stream')) {
        continue;
      }
      const sse = meta.expected?.sse ?? {};
      found.push({ name: `${provider.name}/${file.slice(0, -'.json'.length)}`, body: readFileSync(join(root, provider.name, file.replace(/\.json$/, '.body'))), sse });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

describe('SseDecoder', () => {
  describe('line ends', () => {
    const expected: Decoded = { events: [message('a'), message('b\nc')], comments: 0 };

    it('reads LF, CR and CRLF line ends alike', () => {
      assert.deepStrictEqual(
        [decodeText('data: a\n\ndata: b\ndata: c\n\n'), decodeText('data: a\r\rdata: b\rdata: c\r\r'), decodeText('data: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n')],
        [expected, expected, expected],
      );
    });

    it('reads line ends mixed within one stream', () => {
      assert.deepStrictEqual(decodeText('data: a\r\n\ndata: b\rdata: c\n\r'), expected);
    });

    it('joins a CR at the end of one read with the LF at the start of the next', () => {
      // Were the CR and the LF taken as two line ends, the empty line between them would dispatch
      // `a` on its own, and `b` would become a second event.
      assert.deepStrictEqual(decodeText('data: a\r', '\ndata: b\r', '\n\r', '\n'), { events: [message('a\nb')], comments: 0 });
    });

    it('takes a CR at the end of a read followed by a non-LF as a line end of its own', () => {
      assert.deepStrictEqual(decodeText('data: a\r', 'data: b\r', '\r'), { events: [message('a\nb')], comments: 0 });
    });

    it('takes a lone CR at the very end of the stream as a line end', () => {
      assert.deepStrictEqual(decodeText('data: a\r'), { events: [message('a')], comments: 0 });
    });

    it('keeps scanning for LF line ends after a single CR early in the stream', () => {
      const lines = Array.from({ length: 200 }, (_, i) => `data: ${i}\n\n`).join('');
      assert.deepStrictEqual(decodeText(`: hi\r${lines}`), {
        events: Array.from({ length: 200 }, (_, i) => message(String(i))),
        comments: 1,
      });
    });
  });

  describe('fields', () => {
    it('counts and ignores comment lines', () => {
      assert.deepStrictEqual(decodeText(': OPENROUTER PROCESSING\n\n:\n: x\ndata: a\n\n'), { events: [message('a')], comments: 3 });
    });

    it('joins the data lines of one event with LF', () => {
      assert.deepStrictEqual(decodeText('data: {"a":\ndata: 1}\ndata:\n\n'), { events: [message('{"a":\n1}\n')], comments: 0 });
    });

    it('strips exactly one space after the colon, and none when there is none', () => {
      assert.deepStrictEqual(decodeText('data:  two\n\ndata:none\n\nevent:  spaced\ndata: \n\n'), {
        events: [message(' two'), message('none'), message('', ' spaced')],
        comments: 0,
      });
    });

    it('reads a line without a colon as a field with an empty value', () => {
      assert.deepStrictEqual(decodeText('data\n\ndata\ndata\n\ndata: x\nevent\n\n'), {
        events: [message(''), message('\n'), message('x')],
        comments: 0,
      });
    });

    it('reads event and id fields; the event type resets after each event, the last id does not', () => {
      assert.deepStrictEqual(decodeText('event: delta\nid: 1\ndata: a\n\ndata: b\n\nid: 2\nevent: done\ndata: c\n\n'), {
        events: [message('a', 'delta', '1'), message('b', undefined, '1'), message('c', 'done', '2')],
        comments: 0,
      });
    });

    it('ignores an id containing NUL, and retry and unknown fields', () => {
      assert.deepStrictEqual(decodeText('id: 7\n\nid: x\0y\nretry: 10\nfoo: bar\ndata: a\n\n'), { events: [message('a', undefined, '7')], comments: 0 });
    });

    it('takes an empty event field as the default type', () => {
      assert.deepStrictEqual(decodeText('event:\ndata: a\n\n'), { events: [message('a')], comments: 0 });
    });

    it('strips a leading UTF-8 BOM, even split across reads, and only the first', () => {
      const bom = [0xef, 0xbb, 0xbf];
      const body = new Uint8Array([...bom, ...encoder.encode('data: a\n\n'), ...bom, ...encoder.encode('data: b\n\n')]);
      const expected: Decoded = { events: [message('a')], comments: 0 };
      // The second BOM is not at the start: it makes `\uFEFFdata` an unknown field.
      assert.deepStrictEqual([decodePieces([body]), decodePieces(bytewise(body))], [expected, expected]);
    });

    it('does not dispatch an event without data', () => {
      assert.deepStrictEqual(decodeText('event: ping\n\nid: 3\n\n\n\ndata: a\n\n'), { events: [message('a', undefined, '3')], comments: 0 });
    });

    it('delivers a last event without its blank line at end()', () => {
      assert.deepStrictEqual(
        [decodeText('data: a\n\ndata: b'), decodeText('data: a\n\ndata: b\n'), decodeText('data: a\n\ndata: b\r\n')],
        [
          { events: [message('a'), message('b')], comments: 0 },
          { events: [message('a'), message('b')], comments: 0 },
          { events: [message('a'), message('b')], comments: 0 },
        ],
      );
    });

    it('delivers nothing for an empty stream', () => {
      assert.deepStrictEqual(decodePieces([new Uint8Array(0)]), { events: [], comments: 0 });
    });
  });

  describe('multi-byte UTF-8 split inside characters', () => {
    // Mixed line ends too, with a CRLF inside an event: a split between its CR and LF must not
    // end the event early.
    const text = 'data: café 中文 😀\r\n\r\nevent: é\r\ndata: 😀😀\r\ndata: 中\rdata: x\n\n: 中 comment\n\n';
    const body = encoder.encode(text);
    const whole: Decoded = { events: [message('café 中文 😀'), message('😀😀\n中\nx', 'é')], comments: 1 };

    it('decodes the whole body', () => {
      assert.deepStrictEqual(decodePieces([body]), whole);
    });

    it('decodes every two-piece split alike', () => {
      assertEveryTwoPieceSplit(body, whole);
    });

    it('decodes byte by byte alike', () => {
      assert.deepStrictEqual(decodePieces(bytewise(body)), whole);
    });

    it('replaces a character cut off by the end of the stream rather than dropping the event', () => {
      const cut = encoder.encode('data: 😀').subarray(0, -1);
      assert.deepStrictEqual(decodePieces([cut]), { events: [message('\uFFFD')], comments: 0 });
    });
  });

  describe('split matrix over the recorded streams', () => {
    const fixtures = sseFixtures();

    it('finds the recorded event streams', () => {
      // Guards the matrix below against silently testing nothing.
      assert.ok(fixtures.length >= 10, `found only ${fixtures.map((fixture) => fixture.name).join(', ')}`);
    });

    for (const fixture of fixtures) {
      describe(fixture.name, () => {
        const body = new Uint8Array(fixture.body);
        const whole = decodePieces([body]);

        it('whole: matches the recorded counts and an independent parser', () => {
          const done = whole.events.filter((event) => event.data === '[DONE]').length;
          const recorded = fixture.sse;
          // Only the counts the recording states are compared; the independent parser always is.
          assert.deepStrictEqual(
            {
              dataEvents: recorded.data_events === undefined ? undefined : whole.events.length - done,
              done: recorded.done_sentinel === undefined ? undefined : done === 1 && whole.events[whole.events.length - 1]?.data === '[DONE]',
              comments: recorded.comment_lines === undefined ? undefined : whole.comments,
              namedEvents: recorded.events === undefined ? undefined : whole.events.length,
              events: whole.events.map((event) => ({ event: event.event, data: event.data })),
            },
            {
              dataEvents: recorded.data_events,
              done: recorded.done_sentinel,
              comments: recorded.comment_lines,
              namedEvents: recorded.events,
              events: referenceEvents(fixture.body.toString('utf8')),
            },
          );
        });

        it('split into two pieces at every byte position', () => {
          if (body.length <= fullSplitLimit) {
            assertEveryTwoPieceSplit(body, whole);
          } else {
            assertEveryTwoPieceSplitWindowed(fixture.body);
          }
        });

        it('byte by byte', () => {
          assert.deepStrictEqual(decodePieces(bytewise(body)), whole);
        });

        it('at seeded random splits', () => {
          assertSeededSplits(body, whole);
        });

        it('with CRLF and with CR line ends, at seeded random splits and byte by byte', () => {
          const text = fixture.body.toString('utf8');
          for (const lineEnd of ['\r\n', '\r']) {
            const variant = encoder.encode(text.replace(/\n/g, lineEnd));
            assert.deepStrictEqual(decodePieces([variant]), whole, `${JSON.stringify(lineEnd)} whole`);
            assert.deepStrictEqual(decodePieces(bytewise(variant)), whole, `${JSON.stringify(lineEnd)} byte by byte`);
            assertSeededSplits(variant, whole);
          }
        });
      });
    }
  });
});
