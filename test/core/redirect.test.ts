/**
 * Redirects through the public client between real loopback servers: the same origin keeps the
 * request whole; another origin gets the body but never a credential; 303 turns into a GET; a
 * loop ends in a typed error.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { APIError } from '../../src/core';
import {
  apiKey,
  chat,
  chunksOf,
  completionBody,
  drain,
  jsonHeaders,
  quickRetries,
  rejection,
  sseBody,
  sseHeaders,
  textOf,
  useHarness,
} from '../helpers/llmHarness';
import type { Reply } from '../helpers/wireServer';

function redirect(status: number, location: string): Reply {
  return { status, headers: { location }, body: '' };
}

const answer: Reply = { status: 200, headers: jsonHeaders, body: completionBody('redirected') };

/** Every way a key or session travels in a header, whatever the vendor calls it. */
const credentialHeaders = {
  'x-api-key': 'xk-extra-credential-1',
  'api-key': 'ak-extra-credential-2',
  'x-goog-api-key': 'gk-extra-credential-3',
  'x-custom-token': 'tok-extra-credential-4',
  'x-portkey-api-key': 'pk-extra-credential-5',
  'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
  'ocp-apim-subscription-key': 'apim-extra-credential-6',
  cookie: 'session=extra-credential-7',
};

describe('redirects', () => {
  const harness = useHarness();

  it('keeps the Authorization header and the body on a 307 to the same origin', async () => {
    const server = await harness.server((request) => (request.url.startsWith('/v1/') ? redirect(307, '/v2/chat/completions') : answer));
    const response = await harness.client().completion(chat(server));
    assert.equal(response.choices[0]?.message.content, 'redirected');
    const [first, second] = server.requests;
    assert.ok(first !== undefined && second !== undefined);
    assert.deepStrictEqual(
      { method: second.method, url: second.url, authorization: second.headers['authorization'], body: second.body },
      { method: 'POST', url: '/v2/chat/completions', authorization: `Bearer ${apiKey}`, body: first.body },
    );
  });

  for (const status of [307, 308]) {
    it(`sends the body but no credential on a ${status} to another origin`, async () => {
      const other = await harness.server(() => answer);
      const server = await harness.server(() => redirect(status, `${other.url}/elsewhere/chat/completions`));
      const params = chat(server, { extra_headers: { ...credentialHeaders, 'x-trace-id': 'trace-42' } });
      const response = await harness.client().completion(params);
      assert.equal(response.choices[0]?.message.content, 'redirected');

      const sent = server.requests[0];
      const arrived = other.requests[0];
      assert.ok(sent !== undefined && arrived !== undefined);
      // The first hop had them all, so their absence below is the redirect's doing.
      assert.equal(sent.headers['authorization'], `Bearer ${apiKey}`);
      for (const name of Object.keys(credentialHeaders)) {
        assert.ok(sent.headers[name] !== undefined, `${name} was not sent in the first place`);
      }
      const leaked = ['authorization', ...Object.keys(credentialHeaders)].filter((name) => arrived.headers[name] !== undefined);
      assert.deepStrictEqual(leaked, []);
      assert.ok(!JSON.stringify(arrived.headers).includes(apiKey));
      assert.deepStrictEqual(
        { method: arrived.method, url: arrived.url, body: arrived.body, trace: arrived.headers['x-trace-id'] },
        { method: 'POST', url: '/elsewhere/chat/completions', body: sent.body, trace: 'trace-42' },
      );
    });
  }

  it('follows a cross-origin redirect for a stream, still without the key', async () => {
    const other = await harness.server(() => ({ headers: sseHeaders, body: sseBody(chunksOf(['moved', ' here'])) }));
    const server = await harness.server(() => redirect(307, `${other.url}/v1/chat/completions`));
    const { chunks, error } = await drain(await harness.client().completion(chat(server, { stream: true })));
    assert.equal(error, undefined);
    assert.equal(textOf(chunks), 'moved here');
    assert.equal(other.requests[0]?.headers['authorization'], undefined);
  });

  it('does not give the key back after a hop to another origin returns to the first', async () => {
    const other = await harness.server(() => redirect(307, `${server.url}/back/chat/completions`));
    const server = await harness.server((request) => (request.url.startsWith('/back/') ? answer : redirect(307, `${other.url}/v1/chat/completions`)));
    await harness.client().completion(chat(server));
    assert.equal(server.requests[1]?.url, '/back/chat/completions');
    assert.equal(server.requests[1]?.headers['authorization'], undefined);
  });

  it('turns a 303 into a GET without a body', async () => {
    const server = await harness.server((request) => (request.method === 'POST' ? redirect(303, '/v1/results/42') : answer));
    const response = await harness.client().completion(chat(server));
    assert.equal(response.choices[0]?.message.content, 'redirected');
    assert.deepStrictEqual(
      server.requests.map((request) => [request.method, request.url, request.body.length > 0]),
      [
        ['POST', '/v1/chat/completions', true],
        ['GET', '/v1/results/42', false],
      ],
    );
  });

  it('gives up with a typed error after 5 redirects, without retrying', async () => {
    const server = await harness.server((_, index) => redirect(307, `/hop/${index + 1}`));
    const error = await rejection(harness.client({ retry: quickRetries }).completion(chat(server)));
    assert.ok(error instanceof APIError, `got ${String(error)}`);
    assert.match(error.message, /too many redirects/);
    assert.equal(error.status_code, 307);
    // The request, then five redirects followed; the sixth is refused.
    assert.equal(server.requests.length, 6);
  });

  it('reports a redirect without a location as a typed error', async () => {
    const server = await harness.server(() => ({ status: 302, body: '' }));
    const error = await rejection(harness.client().completion(chat(server)));
    assert.ok(error instanceof APIError, `got ${String(error)}`);
    assert.match(error.message, /a redirect without a location/);
  });
});
