/**
 * Faults in the body of a streamed answer, in each wire's own format (OpenAI and Anthropic SSE,
 * Ollama NDJSON: their decoders differ): malformed JSON in one event, an event larger than 1 MiB,
 * a multi-byte UTF-8 character split across reads, gzip over chunked transfer encoding, and the
 * closing event missing (`[DONE]`, `message_stop`, the `done` line).
 */

import { loadFixture } from '../../../helpers/fixtures';
import type { Reply } from '../../../helpers/wireServer';
import { assertRequestCount } from './faultChecks';
import type { Expected, Fault } from './faultTypes';
import { answerBody, answerReply, wires, type Wire } from './wires';

const pieces = ['Bodies', ' can', ' be', ' odd', '.'];

/** More than 1 MiB in one event, not one repeated character, so a lost or doubled piece shows. */
const huge = Array.from({ length: 120_000 }, (_, index) => `w${index % 997} `).join('');
const bigPieces = ['Start ', huge, ' end.'];

/** Two-, three- and four-byte characters. */
const multiBytePieces = ['Grüße', ' aus', ' 東京', ' 🙂', ' done.'];

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The body cut inside '東' and inside '🙂', each piece sent alone after a pause: the client's
 * reads end mid-character for certain, not only if TCP happens to split there.
 */
function splitInsideCharacters(body: string): Reply['parts'] {
  const bytes = Buffer.from(body, 'utf8');
  const cuts = ['東', '🙂'].map((character) => bytes.indexOf(Buffer.from(character, 'utf8')) + 2);
  const pieces = [0, ...cuts, bytes.length].slice(1).map((end, index, ends) => bytes.subarray(index === 0 ? 0 : ends[index - 1], end));
  return (async function* paced() {
    for (const piece of pieces) {
      yield piece;
      await wait(25);
    }
  })();
}

/** What a stream without its closing event ends in: OpenAI's chunks are complete; the others were cut short. */
function withoutEndExpectation(wire: Wire): Expected {
  switch (wire.name) {
    case 'OpenAI':
      return { kind: 'answer', text: pieces.join('') };
    case 'Anthropic':
      return { kind: 'error', errorClass: 'APIConnectionError', partial: pieces.join(''), message: /stream ended before message_stop/ };
    case 'Ollama':
      return { kind: 'error', errorClass: 'APIConnectionError', partial: pieces.join(''), message: /the stream ended before the answer was done/ };
  }
}

function endName(wire: Wire): string {
  return { OpenAI: '[DONE]', Anthropic: 'message_stop', Ollama: 'the done line' }[wire.name];
}

function bodyFaultsOf(wire: Wire): Fault[] {
  const served = (reply: () => Reply) => async (lab: Parameters<Fault['arrange']>[0]) => {
    const main = await lab.server(reply);
    return { apiBase: wire.apiBase(main.url), main };
  };
  return [
    {
      name: 'malformed JSON in one event (after 2 text events)',
      wire,
      arrange: served(() => ({ status: 200, headers: wire.headers, body: answerBody(wire, pieces, { malformedAfter: 2 }) })),
      expect: () => ({ kind: 'error', errorClass: 'APIError', partial: pieces.slice(0, 2).join(''), message: /sent a malformed stream event/ }),
      verify: ({ main }) => assertRequestCount(main, wire, 1, 'never retried after output'),
    },
    {
      name: 'an event larger than 1 MiB, split at 64 random points',
      wire,
      arrange: served(() => answerReply(wire, bigPieces, { delivery: { seed: 11, pieces: 64 } })),
      expect: () => ({ kind: 'answer', text: bigPieces.join('') }),
    },
    {
      name: 'multi-byte UTF-8 characters split across reads',
      wire,
      arrange: served(() => ({ status: 200, headers: wire.headers, body: '', parts: splitInsideCharacters(answerBody(wire, multiBytePieces)) })),
      expect: () => ({ kind: 'answer', text: multiBytePieces.join('') }),
    },
    {
      name: 'gzip over chunked transfer encoding, at 17 random splits',
      wire,
      arrange: served(() => answerReply(wire, pieces, { gzip: true, headers: { ...wire.headers, 'transfer-encoding': 'chunked' }, delivery: { seed: 5, pieces: 17 } })),
      expect: () => ({ kind: 'answer', text: pieces.join('') }),
    },
    {
      name: `${endName(wire)} missing`,
      wire,
      arrange: served(() => ({ status: 200, headers: wire.headers, body: answerBody(wire, pieces, { withoutEnd: true }) })),
      expect: () => withoutEndExpectation(wire),
    },
  ];
}

const wholeAnswer = loadFixture('openai/chat_nonstream_text');

export const bodyFaults: Fault[] = [
  ...[wires.openai, wires.anthropic, wires.ollama].flatMap(bodyFaultsOf),
  {
    name: 'gzip over chunked transfer encoding (a whole answer)',
    wire: wires.openai,
    ways: ['core client'],
    stream: false,
    arrange: async (lab) => {
      const main = await lab.server(() => ({ ...wholeAnswer.reply({ seed: 3, pieces: 9 }), gzip: true, headers: { ...wholeAnswer.meta.headers, 'transfer-encoding': 'chunked' } }));
      return { apiBase: wires.openai.apiBase(main.url), main };
    },
    expect: () => ({ kind: 'answer', text: wholeAnswer.meta.expected.text ?? '' }),
  },
];
