/**
 * Bad input through the public API's surface: every item of the list (and the options
 * the key rule reads) is refused with a BadRequestError that names the field — in `param` and in
 * the message — before anything reaches the network or the usage ledger.
 */

import assert from 'node:assert/strict';
import type { CompletionParams, EmbeddingParams } from '../../src/core';
import { startWireServer, type WireServer } from '../helpers/wireServer';
import { apiHarness, consumerId, errorShape, type ApiHarness } from './apiHarness';

const user = { role: 'user', content: 'Hi' };

/** Each row: what a careless caller passes, and the field its error must name. */
const completionRows: [string, unknown, string][] = [
  ['missing model', { messages: [user] }, 'model'],
  ['model not a string', { model: 42, messages: [user] }, 'model'],
  ['model with nothing after the provider', { model: 'openai/', messages: [user] }, 'model'],
  ['bare model the catalogue does not know', { model: 'no-such-model-9000', messages: [user] }, 'model'],
  ['unknown provider', { model: 'nosuch/model', messages: [user] }, 'model'],
  ["VS Code's own model", { model: 'vscode-lm/copilot/gpt-4o', messages: [user] }, 'model'],
  ['empty messages', { model: 'openai/gpt-4o-mini', messages: [] }, 'messages'],
  ['messages not an array', { model: 'openai/gpt-4o-mini', messages: 'Hi' }, 'messages'],
  ['a wrong role', { model: 'openai/gpt-4o-mini', messages: [{ role: 'robot', content: 'Hi' }] }, 'messages[0].role'],
  ['content a number', { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 42 }] }, 'messages[0].content'],
  ['a text part whose text is not a string', { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: [{ type: 'text', text: 5 }] }] }, 'messages[0].content[0].text'],
  ['a tool message without the id it answers', { model: 'openai/gpt-4o-mini', messages: [user, { role: 'tool', content: '{}' }] }, 'messages[1].tool_call_id'],
  ['a name that is not a string', { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi', name: 7 }] }, 'messages[0].name'],
  ['stream not a boolean', { model: 'openai/gpt-4o-mini', messages: [user], stream: 'yes' }, 'stream'],
  ['a tool without a name', { model: 'openai/gpt-4o-mini', messages: [user], tools: [{ type: 'function', function: { description: 'x' } }] }, 'tools[0].function.name'],
  ['a header value that is not a string', { model: 'openai/gpt-4o-mini', messages: [user], extra_headers: { 'X-Trace': 1 } }, 'extra_headers.X-Trace'],
  ['api_key not a string', { model: 'openai/gpt-4o-mini', messages: [user], api_key: 123 }, 'api_key'],
  ['vertex_project not a string', { model: 'vertex_ai/gemini-2.5-flash', messages: [user], vertex_project: 7 }, 'vertex_project'],
  ['vertex_credentials as a file path (the API takes the JSON itself)', { model: 'vertex_ai/gemini-2.5-flash', messages: [user], vertex_credentials: '/home/someone/key.json' }, 'vertex_credentials'],
  ['a fallback naming a credentials file', { model: 'openai/gpt-4o-mini', messages: [user], fallbacks: [{ model: 'vertex_ai/gemini-2.5-flash', vertex_credentials: '~/.config/gcloud/application_default_credentials.json' }] }, 'fallbacks[0].vertex_credentials'],
  ["LiteLLM's base_url alias", { model: 'openai/gpt-4o-mini', messages: [user], base_url: 'http://127.0.0.1:9/v1' }, 'base_url'],
  ['a fallback without a model', { model: 'openai/gpt-4o-mini', messages: [user], fallbacks: [{ temperature: 0 }] }, 'fallbacks[0].model'],
  ['a fallback with an unknown provider', { model: 'openai/gpt-4o-mini', messages: [user], fallbacks: ['nosuch/model'] }, 'fallbacks[0]'],
  ['a signal that is not an AbortSignal', { model: 'openai/gpt-4o-mini', messages: [user], signal: { aborted: false } }, 'signal'],
  ['params not an object', 'Hi', 'params'],
  ['params missing', undefined, 'params'],
];

const embeddingRows: [string, unknown, string][] = [
  ['empty input', { model: 'openai/text-embedding-3-small', input: '' }, 'input'],
  ['an empty list of inputs', { model: 'openai/text-embedding-3-small', input: [] }, 'input'],
  ['an empty string in the inputs', { model: 'openai/text-embedding-3-small', input: ['a', ''] }, 'input[1]'],
  ['missing model', { input: 'a' }, 'model'],
  ['unknown provider', { model: 'nosuch/embed', input: 'a' }, 'model'],
  ["VS Code's own model", { model: 'vscode-lm/copilot/gpt-4o', input: 'a' }, 'model'],
];

async function refusal(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  return new Error('the call succeeded');
}

/** [label, name, status, provider, param, whether the message names the param]. */
function summary(label: string, error: unknown): [string, unknown, unknown, unknown, unknown, boolean] {
  const shape = errorShape(error);
  const message = error instanceof Error ? error.message : '';
  return [label, shape['name'], shape['status_code'], shape['llm_provider'], shape['param'], typeof shape['param'] === 'string' && message.includes(`'${shape['param']}'`)];
}

describe('the public API refuses bad input, naming the field', () => {
  let setup: ApiHarness;
  let server: WireServer;

  beforeEach(async () => {
    server = await startWireServer(() => ({ status: 500, body: 'nothing should reach this server' }));
    setup = apiHarness({ settings: { providers: { openai: { baseUrl: `${server.url}/v1` } } } });
    await setup.keys.set('openai', 'sk-stored-0123456789abcdef');
  });

  afterEach(async () => {
    setup.dispose();
    await server.close();
  });

  it('completion: each item of the issue list, before any request and without counting usage', async () => {
    const results = [];
    for (const [label, params, field] of completionRows) {
      const error = await refusal(() => setup.api.completion(params as CompletionParams));
      results.push([summary(label, error), field]);
    }
    assert.deepStrictEqual(
      results,
      completionRows.map(([label, , field]) => [[label, 'BadRequestError', 400, 'switchboard', field, true], field]),
    );
    assert.deepStrictEqual({ requests: server.requests.length, usage: setup.ledger.get(consumerId) }, { requests: 0, usage: undefined });
  });

  it('embedding: empty input, missing model, unknown provider, VS Code models', async () => {
    const results = [];
    for (const [label, params] of embeddingRows) {
      results.push(summary(label, await refusal(() => setup.api.embedding(params as EmbeddingParams))));
    }
    assert.deepStrictEqual(
      results,
      embeddingRows.map(([label, , field]) => [label, 'BadRequestError', 400, 'switchboard', field, true]),
    );
    assert.equal(server.requests.length, 0);
  });

  it('a token that is not a CancellationToken is refused as `token`', async () => {
    const error = await refusal(() => setup.api.completion({ model: 'mock/typewriter', messages: [{ role: 'user', content: 'Hi' }] }, 'soon' as never));
    assert.deepStrictEqual(errorShape(error), { name: 'BadRequestError', status_code: 400, llm_provider: 'switchboard', param: 'token' });
  });

  it('getApi: an unknown version says which exist; the caller must name itself as an installed extension', () => {
    const attempts: [string, () => unknown][] = [
      ['version 2', () => setup.service.getApi(2, { extensionId: consumerId })],
      ['no options', () => setup.service.getApi(1, undefined)],
      ['an id that is not publisher.name', () => setup.service.getApi(1, { extensionId: 'consumer' })],
      ['an extension that is not installed', () => setup.service.getApi(1, { extensionId: 'ghost.extension' })],
    ];
    const outcomes = attempts.map(([label, attempt]) => {
      try {
        attempt();
        return [label, 'returned'];
      } catch (error) {
        return [label, errorShape(error)['name'], errorShape(error)['param'], (error as Error).message.includes('versions there are: 1')];
      }
    });
    assert.deepStrictEqual(outcomes, [
      ['version 2', 'BadRequestError', 'version', true],
      ['no options', 'BadRequestError', 'extensionId', false],
      ['an id that is not publisher.name', 'BadRequestError', 'extensionId', false],
      ['an extension that is not installed', 'BadRequestError', 'extensionId', false],
    ]);
  });
});
