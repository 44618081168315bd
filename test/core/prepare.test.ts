/**
 * `Client.prepare`: what a request needs is made ready once per model and base URL, nothing is
 * sent, a request afterwards works, and no model — unknown, malformed, without a key — makes it
 * reject (the real request reports the problem).
 */

import assert from 'node:assert/strict';
import { createClient, type Logger } from '../../src/core';
import { startWireServer, type WireServer } from '../helpers/wireServer';

const answer = JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] });

function recordingLogger(lines: string[]): Logger {
  const record = (message: string): void => void lines.push(message);
  return { trace: record, debug: record, info: record, warn: record, error: record };
}

/** A key source that answers one key and notes which provider asked. */
function storedKey(keysRead: string[]): (provider: string) => string {
  return (provider) => {
    keysRead.push(provider);
    return 'sk-stored';
  };
}

describe('client.prepare', () => {
  let server: WireServer;

  beforeEach(async () => {
    server = await startWireServer(() => ({ headers: { 'content-type': 'application/json' }, body: answer }));
  });

  afterEach(async () => {
    await server.close();
  });

  it('prepares a model once: a second call reads no key and sends nothing; a request afterwards works', async () => {
    const keysRead: string[] = [];
    const client = createClient({ env: {}, getApiKey: storedKey(keysRead) });
    const options = { api_base: `${server.url}/v1` };
    await client.prepare('openai/gpt-4o-mini', options);
    await client.prepare('openai/gpt-4o-mini', options);
    const before = { keysRead: [...keysRead], requests: server.requests.length, connections: server.openedConnections() };
    const response = await client.completion({ model: 'openai/gpt-4o-mini', ...options, messages: [{ role: 'user', content: 'hi' }] });
    await client.close();
    assert.deepStrictEqual(
      { before, content: response.choices[0]?.message.content, requests: server.requests.map((request) => request.url) },
      { before: { keysRead: ['openai'], requests: 0, connections: 0 }, content: 'ok', requests: ['/v1/chat/completions'] },
    );
  });

  it('prepares each base URL of a model apart', async () => {
    const keysRead: string[] = [];
    const client = createClient({ env: {}, getApiKey: storedKey(keysRead) });
    await client.prepare('openai/gpt-4o-mini', { api_base: `${server.url}/v1` });
    await client.prepare('openai/gpt-4o-mini', { api_base: 'http://127.0.0.1:9/v1' });
    await client.prepare('openai/gpt-4o-mini', { api_base: `${server.url}/v1` });
    await client.close();
    assert.deepStrictEqual(keysRead, ['openai', 'openai']);
  });

  it('never rejects: an unknown provider, a malformed name, a missing key are logged at debug and tried again next time', async () => {
    const lines: string[] = [];
    const client = createClient({ env: {}, logger: recordingLogger(lines) });
    const outcomes = await Promise.allSettled([
      client.prepare('no-such-provider/model'),
      client.prepare(''),
      client.prepare(42 as unknown as string),
      client.prepare('anthropic/claude-sonnet-4-6'),
    ]);
    // A failure is not remembered: asking again tries again (and logs again).
    await client.prepare('no-such-provider/model');
    await client.close();
    assert.deepStrictEqual(
      { outcomes: outcomes.map((outcome) => outcome.status), failures: lines.filter((line) => line.startsWith('Preparing ')).length },
      { outcomes: ['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'], failures: 5 },
    );
    assert.match(lines.join('\n'), /Preparing anthropic\/claude-sonnet-4-6 failed \(its request will say why\): .*key/i);
  });
});
