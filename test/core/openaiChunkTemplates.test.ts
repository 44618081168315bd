/**
 * The OpenAI stream mapper's fast path (chunk templates) against its general path, the
 * reference: random streams (openaiStreamCases.ts) through both must give deep-equal chunks, the
 * same error at the same point, and equal accumulated responses. Seeded: the seed is in the test's
 * title, and SWITCHBOARD_SEED replays it.
 */

import { testCallContext } from '../helpers/callContext';
import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { SseDecoder } from '../../src/core/http/sse';
import { OpenAIStreamMapper } from '../../src/core/providers/openai/streamMapper';
import { ChunkAccumulator } from '../../src/core/streamChunkBuilder';
import type { ModelResponse, ModelResponseChunk } from '../../src/core/types';
import { chooseSeed, seededRandom } from '../helpers/seededRandom';
import { randomBody, randomReads } from './openaiStreamCases';

const call = testCallContext({ providerId: 'openai', displayName: 'OpenAI', requestedModel: 'openai/gpt-4o-mini', apiKey: 'sk-test-templates-0123456789' });

interface Outcome {
  chunks: ModelResponseChunk[];
  response: ModelResponse;
  /** The first error's class and message; nothing is mapped after it. */
  error: string | undefined;
}

/** Feeds the reads to a decoder and a mapper, as the chunk source does, and accumulates. */
function mapped(reads: readonly Uint8Array[], templates: boolean): Outcome {
  const decoder = new SseDecoder();
  const mapper = new OpenAIStreamMapper(call, { templates });
  const accumulator = new ChunkAccumulator();
  const chunks: ModelResponseChunk[] = [];
  const sink = (event: Parameters<OpenAIStreamMapper['map']>[0]): void => {
    const out: ModelResponseChunk[] = [];
    try {
      mapper.map(event, out);
    } finally {
      for (const chunk of out) {
        accumulator.add(chunk);
        chunks.push(chunk);
      }
    }
  };
  let error: string | undefined;
  try {
    for (const read of reads) {
      decoder.push(read, sink);
    }
    decoder.end(sink);
  } catch (thrown) {
    error = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
  }
  // A copy through JSON would hide a difference between undefined and absent: compare as made.
  return { chunks, response: accumulator.build(), error };
}

/** Counts the chunks JSON.parse read while `run` runs (not the escaped texts): how the test knows the fast path was taken. */
function countingParses<T>(run: () => T): { result: T; parses: number } {
  const parse = JSON.parse;
  let parses = 0;
  JSON.parse = (text: string, reviver?: (this: unknown, key: string, value: unknown) => unknown): unknown => {
    if (!text.startsWith('"')) {
      parses++;
    }
    return parse(text, reviver);
  };
  try {
    return { result: run(), parses };
  } finally {
    JSON.parse = parse;
  }
}

const encoder = new TextEncoder();
const cases = 4000;

describe('OpenAI stream fast path (chunk templates)', () => {
  const seed = chooseSeed();

  it(`maps ${cases} random streams exactly as the general path, read at random splits (seed ${seed}; replay with SWITCHBOARD_SEED=${seed})`, () => {
    const random = seededRandom(seed);
    let generalParses = 0;
    let fastParses = 0;
    for (let index = 0; index < cases; index++) {
      const body = randomBody(random);
      const reads = randomReads(random, encoder.encode(body));
      const general = countingParses(() => mapped(reads, false));
      const fast = countingParses(() => mapped(reads, true));
      generalParses += general.parses;
      fastParses += fast.parses;
      try {
        assert.deepStrictEqual(fast.result, general.result);
      } catch (error) {
        throw new Error(`case ${index} (seed ${seed}) differs; body: ${JSON.stringify(body)}`, { cause: error });
      }
    }
    // Without this the test would pass with the fast path never taken.
    assert.ok(fastParses < generalParses * 0.95, `the fast path parsed ${fastParses} times, the general ${generalParses}`);
  });

  it('reads the text of a stream of plain chunks without parsing them, and each chunk is its own object', () => {
    const chunkText = (content: string): string =>
      `data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":null}]}\n\n`;
    const texts = ['Hel', 'lo', ' "wo\\rld"', '\n', 'é😀', '', '</x>'];
    const reads = [encoder.encode(texts.map(chunkText).join('') + 'data: [DONE]\n\n')];
    const general = mapped(reads, false);
    const fast = countingParses(() => mapped(reads, true));
    assert.deepStrictEqual(fast.result, general);
    assert.equal(fast.result.response.choices[0]?.message.content, 'Hello "wo\\rld"\né😀</x>');
    // The first chunk is parsed, and once more as the probe; the others are not.
    assert.equal(fast.parses, 2);
    const [first, second] = fast.result.chunks;
    assert.notEqual(first?.choices, second?.choices);
    assert.notEqual(first?.choices[0]?.delta, second?.choices[0]?.delta);
  });

  it('leaves to the general path a chunk whose text would end early at a quote, and one with a different shape', () => {
    const head = 'data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":';
    const tail = '},"finish_reason":null}]}\n\n';
    // The second event starts and ends as the template, but its "text" closes the string and adds a field.
    const body = `${head}"a"${tail}${head}"b","role":"user"${tail}${head}null${tail}data: [DONE]\n\n`;
    const general = mapped([encoder.encode(body)], false);
    const fast = mapped([encoder.encode(body)], true);
    assert.deepStrictEqual(fast, general);
    assert.deepStrictEqual(
      fast.chunks.map((chunk) => chunk.choices[0]?.delta),
      [{ content: 'a' }, { content: 'b', role: 'user' }, { content: null }],
    );
  });
});
