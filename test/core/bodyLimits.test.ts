/**
 * Bounded memory: every body the client reads is capped after decompression. Each reader gets a
 * gzip bomb of 16 GiB on loopback and must refuse it with an APIError naming the cap and its
 * option, keep a stream's text, and hang up with most of the bomb unsent. The caps are the
 * client's to set, and bad ones are refused when the client is made.
 */

import assert from 'node:assert/strict';
import { APIError, createClient, defaultBodyLimits, InternalServerError } from '../../src/core';
import { NdjsonDecoder } from '../../src/core/http/ndjson';
import { SseDecoder } from '../../src/core/http/sse';
import { BodyLimitExceeded } from '../../src/core/http/bodyLimits';
import { chat, completionBody, jsonHeaders, rejection, useHarness } from '../helpers/llmHarness';
import { startBombServer, type BombServer } from './bodyBombs';
import { bombCases, bombProblems } from './bombCases';

describe('body limits: a gzip bomb for every reader', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  let server: BombServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const bombCase of bombCases) {
    it(`${bombCase.reader} — ${bombCase.name}: refused at its cap${bombCase.kept === undefined ? '' : ', the text kept'}`, async () => {
      const started = await startBombServer(bombCase.route);
      server = started;
      const outcome = await bombCase.run(harness.client(), started.url);
      await started.settled();
      assert.deepStrictEqual(bombProblems(bombCase, outcome, started), []);
    });
  }

  it('an error body over its cap still ends in the status’s error, its text saying it was cut', async () => {
    const bomb = bombCases.find((bombCase) => bombCase.reader === 'error bodies');
    assert.ok(bomb !== undefined);
    server = await startBombServer(bomb.route);
    const outcome = await bomb.run(harness.client(), server.url);
    assert.ok(outcome.error instanceof InternalServerError, String(outcome.error));
    assert.match(outcome.error.message, /larger than 1 MiB \(the cap set by limits\.errorBodyBytes\)/);
  });
});

describe('body limits: the caps are the client’s', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  it('are 32 MiB for a JSON answer and 1 MiB for an event, a line and an error body by default', () => {
    assert.deepStrictEqual({ ...defaultBodyLimits }, { jsonBodyBytes: 32 * 1024 * 1024, eventBytes: 1024 * 1024, lineBytes: 1024 * 1024, errorBodyBytes: 1024 * 1024 });
  });

  it('a smaller jsonBodyBytes refuses an ordinary answer that is larger, naming it', async () => {
    const body = completionBody('x'.repeat(5000));
    const server = await harness.server(() => ({ headers: jsonHeaders, body }));
    const error = await rejection(harness.client({ limits: { jsonBodyBytes: 4096 } }).completion(chat(server)));
    assert.ok(error instanceof APIError, String(error));
    assert.match(error.message, /larger than 0\.00 MiB \(4096 bytes\) \(the cap set by limits\.jsonBodyBytes\)/);
    const fits = await harness.client({ limits: { jsonBodyBytes: Buffer.byteLength(body) } }).completion(chat(server));
    assert.equal(fits.choices[0]?.message.content, 'x'.repeat(5000));
  });

  for (const bad of [0, -1, 1.5, Number.NaN, '1024']) {
    it(`refuses ${typeof bad === 'string' ? JSON.stringify(bad) : String(bad)} as a cap when the client is made`, () => {
      assert.throws(() => createClient({ limits: { eventBytes: bad as number } }), /limits\.eventBytes must be a positive whole number of bytes/);
    });
  }
});

describe('body limits in the decoders', () => {
  const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

  it('SSE: an event of many data lines over the cap throws, counted in UTF-8 bytes', () => {
    const decoder = new SseDecoder(1000);
    const events: string[] = [];
    decoder.push(bytes(`data: ${'é'.repeat(300)}\n\n`), (event) => events.push(event.data));
    assert.equal(events.length, 1, '600 bytes fit');
    assert.throws(() => decoder.push(bytes(`data: ${'é'.repeat(300)}\ndata: ${'é'.repeat(300)}\n`), () => undefined), BodyLimitExceeded);
  });

  it('SSE: a line that never ends throws once it passes the cap, pushed one byte at a time', () => {
    const decoder = new SseDecoder(64 * 1024);
    const x = bytes('x');
    let pushed = 0;
    assert.throws(() => {
      for (;;) {
        decoder.push(x, () => undefined);
        pushed++;
      }
    }, BodyLimitExceeded);
    assert.equal(pushed, 64 * 1024);
  });

  it('NDJSON: a line over the cap throws, one under it is read', () => {
    const decoder = new NdjsonDecoder(100);
    const values: unknown[] = [];
    decoder.push(bytes(`${JSON.stringify({ a: 'y'.repeat(80) })}\n`), (value) => values.push(value));
    assert.equal(values.length, 1);
    assert.throws(() => decoder.push(bytes(`${JSON.stringify({ a: 'y'.repeat(120) })}\n`), () => undefined), BodyLimitExceeded);
  });
});
