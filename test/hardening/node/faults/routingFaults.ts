/**
 * Faults about where an answer comes from: a redirect to another server (the key must not follow),
 * `fallbacks` taking over when the first model fails, and 50 parallel streams sharing one client's
 * connection pool while one of them breaks.
 */

import assert from 'node:assert/strict';
import { assertRequestCount } from './faultChecks';
import { chatRequestsOf, streamIndexOf } from './faultLab';
import { trialKey, type Fault } from './faultTypes';
import { answerReply, bytesThroughPiece, healthyPieces, wires } from './wires';

const openai = wires.openai;
const serverError = { status: 500, headers: { 'content-type': 'application/json' }, body: '{"error":{"message":"The server had an error while processing your request.","type":"server_error"}}' };

const parallelStreams = 50;
const failingStream = 17;
/** Each stream's own words, so text crossing from one stream into another would show. */
const piecesOf = (index: number): string[] => [`#${index}:`, ` one${index}`, ` two${index}`, ` three${index}`, ` four${index}`, '.'];

export const routingFaults: Fault[] = [
  {
    name: 'a 307 redirect to another host: the key is not forwarded',
    wire: openai,
    arrange: async (lab) => {
      const other = await lab.healthyServer('127.0.0.2');
      const main = await lab.server(() => ({ status: 307, headers: { location: `${other.url}/v1/chat/completions` } }));
      return { apiBase: openai.apiBase(main.url), main, other };
    },
    expect: () => ({ kind: 'answer', text: healthyPieces.join('') }),
    verify: ({ main, other }) => {
      const [asked] = chatRequestsOf(main, openai);
      const [redirected] = chatRequestsOf(other, openai);
      assert.equal(asked?.headers['authorization'], `Bearer ${trialKey}`, 'the first server got the key');
      assert.ok(redirected !== undefined, 'the redirect was followed');
      assert.equal(redirected.headers['authorization'], undefined, 'the key followed the redirect to another server');
      assert.ok(!JSON.stringify(redirected.headers).includes(trialKey), 'the key reached the other server in some header');
      assert.equal(redirected.body, asked?.body, 'the 307 kept the request body');
    },
  },
  {
    name: '`fallbacks` take over when the first model fails (500 every time)',
    wire: openai,
    arrange: async (lab) => {
      const main = await lab.server(() => serverError);
      const other = await lab.healthyServer();
      return { apiBase: openai.apiBase(main.url), main, other, fallbacks: [{ model: 'openai/gpt-4o', api_base: openai.apiBase(other.url) }] };
    },
    expect: () => ({ kind: 'answer', text: healthyPieces.join('') }),
    verify: ({ main, other }) => {
      assertRequestCount(main, openai, 2, 'the first model: a try and its retry');
      const fallback = chatRequestsOf(other, openai);
      assert.deepStrictEqual(
        fallback.map((request) => (request.json as { model?: unknown }).model),
        ['gpt-4o'],
        'the fallback model answered, once',
      );
    },
  },
  {
    name: `${parallelStreams} parallel streams share the pool; #${failingStream} is cut mid-stream, the others are unaffected`,
    wire: openai,
    streams: parallelStreams,
    arrange: async (lab) => {
      const main = await lab.server((request) => {
        const index = streamIndexOf(request);
        const pieces = piecesOf(index);
        return answerReply(openai, pieces, {
          delivery: { seed: index + 1, pieces: 8 },
          cutAfterBytes: index === failingStream ? bytesThroughPiece(openai, pieces, 3) + 5 : undefined,
        });
      });
      return { apiBase: openai.apiBase(main.url), main };
    },
    expect: (index) =>
      index === failingStream
        ? { kind: 'error', errorClass: 'APIConnectionError', partial: piecesOf(index).slice(0, 3).join(''), message: /closed the connection unexpectedly/ }
        : { kind: 'answer', text: piecesOf(index).join('') },
    verify: ({ main }) => {
      const asked = chatRequestsOf(main, openai).map(streamIndexOf).sort((a, b) => a - b);
      assert.deepStrictEqual(asked, Array.from({ length: parallelStreams }, (_, index) => index), 'one request per stream, none retried');
    },
  },
];
