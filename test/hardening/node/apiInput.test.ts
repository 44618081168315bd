/**
 * The public API and its commands under invalid input, generated from the fields of the params
 * (apiInput/*Cases.ts): every invalid parameter must be answered with a typed error naming the
 * field — `name` BadRequestError, `status_code` 400, `llm_provider` switchboard, `param` the
 * field's path, and the path in the message — through the API object other extensions get and
 * the `switchboard.completion` / `switchboard.embedding` command entry points, before anything
 * reaches a provider or the usage ledger. The figure is inputs accepted or answered otherwise /
 * inputs tried.
 */

import assert from 'node:assert/strict';
import type { CompletionParams, EmbeddingParams } from '../../../src/core';
import type { CancellationTokenLike } from '../../../api';
import { startWireServer, type WireServer } from '../../helpers/wireServer';
import { apiHarness, consumerId, type ApiHarness } from '../../shell/apiHarness';
import { recordFigure } from '../figures';
import { completionCases, validCompletion } from './apiInput/completionCases';
import { badCallerOptions, badTokens, badVersions, embeddingCases, validEmbedding } from './apiInput/embeddingCases';
import { describeValue, type InvalidCase } from './apiInput/wrongValues';

/** An invalid call is refused at once, before any request: one still pending after this is a failure too. */
const answerWithinMs = 3_000;

/** What is wrong with the answer to an invalid input; undefined when it is the typed error naming `param`. */
async function judge(call: () => unknown, param: string): Promise<string | undefined> {
  let error: unknown;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${answerWithinMs} ms`), answerWithinMs);
  });
  try {
    const answered = await Promise.race([Promise.resolve().then(call).then(() => 'accepted'), late]);
    return answered;
  } catch (caught) {
    error = caught;
  } finally {
    clearTimeout(timer);
  }
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const message = error instanceof Error ? error.message : String(error);
  const shape = { name: record['name'], status_code: record['status_code'], llm_provider: record['llm_provider'], param: record['param'], named: message.includes(`'${param}'`) };
  const expected = { name: 'BadRequestError', status_code: 400, llm_provider: 'switchboard', param, named: true };
  return JSON.stringify(shape) === JSON.stringify(expected) ? undefined : `answered ${JSON.stringify(shape)}: ${message.slice(0, 160)}`;
}

describe('hardening: invalid input to the public API and its commands', function () {
  this.timeout(120_000);
  let setup: ApiHarness;
  let server: WireServer;
  const failures: string[] = [];
  let tried = 0;

  /** Tries each case through each entry point; returns this batch's failures (also counted for the figure). */
  async function tryAll(cases: InvalidCase[], entries: [string, (params: unknown) => unknown][]): Promise<string[]> {
    const found: string[] = [];
    for (const [entry, call] of entries) {
      for (const { label, params, param } of cases) {
        tried++;
        const problem = await judge(() => call(params), param);
        if (problem !== undefined) {
          found.push(`${entry}: ${label} (must name '${param}'): ${problem}`);
        }
      }
    }
    failures.push(...found);
    return found;
  }

  before(async () => {
    server = await startWireServer(() => ({ status: 500, body: 'no invalid call may reach a provider' }));
    setup = apiHarness({ settings: { providers: { openai: { baseUrl: `${server.url}/v1` } } } });
    await setup.keys.set('openai', 'sk-stored-0123456789abcdef');
  });
  after(async () => {
    recordFigure({ area: 'input', part: 'API and commands', bad: failures.length, tried, failures });
    setup?.dispose();
    await server?.close();
  });

  it('completion: every field of CompletionParams given a wrong value, every message shape broken, unknown providers', async () => {
    const cases = completionCases();
    assert.ok(cases.length > 200, `only ${cases.length} cases`);
    const found = await tryAll(cases, [
      ['getApi(1).completion', (params) => setup.api.completion(params as CompletionParams)],
      ['switchboard.completion', (params) => setup.service.completionCommand(params, { extensionId: consumerId })],
    ]);
    assert.deepStrictEqual(found, []);
  });

  it('embedding: every field of EmbeddingParams given a wrong value, bad inputs, unknown providers', async () => {
    const found = await tryAll(embeddingCases(), [
      ['getApi(1).embedding', (params) => setup.api.embedding(params as EmbeddingParams)],
      ['switchboard.embedding', (params) => setup.service.embeddingCommand(params, { extensionId: consumerId })],
    ]);
    assert.deepStrictEqual(found, []);
  });

  it('the caller: an extensionId that is missing, malformed or not installed; an unknown version; a token that is none; a stream through the command', async () => {
    const callers = badCallerOptions.map((options): InvalidCase => ({ label: `options = ${describeValue(options)}`, params: options, param: 'extensionId' }));
    const found = [
      ...(await tryAll(callers, [
        ['getApi(1, options)', (options) => setup.service.getApi(1, options)],
        ['switchboard.completion', (options) => setup.service.completionCommand(validCompletion, options)],
        ['switchboard.embedding', (options) => setup.service.embeddingCommand(validEmbedding, options)],
      ])),
      ...(await tryAll(
        badVersions.map((version) => ({ label: `version = ${describeValue(version)}`, params: version, param: 'version' })),
        [['getApi(version)', (version) => setup.service.getApi(version, { extensionId: consumerId })]],
      )),
      ...(await tryAll(
        badTokens.map((token) => ({ label: `token = ${describeValue(token)}`, params: token, param: 'token' })),
        [
          ['getApi(1).completion(params, token)', (token) => setup.api.completion(validCompletion as CompletionParams, token as CancellationTokenLike)],
          ['getApi(1).embedding(params, token)', (token) => setup.api.embedding(validEmbedding, token as CancellationTokenLike)],
        ],
      )),
      ...(await tryAll(
        [{ label: 'stream = true', params: { ...validCompletion, stream: true }, param: 'stream' }],
        [['switchboard.completion', (params) => setup.service.completionCommand(params, { extensionId: consumerId })]],
      )),
      ...(await tryAll(
        [5, '', '   ', null, undefined, {}].map((model) => ({ label: `model = ${describeValue(model)}`, params: model, param: 'model' })),
        [['getApi(1).getModelInfo', (model) => setup.api.getModelInfo(model as string)]],
      )),
    ];
    assert.deepStrictEqual(found, []);
  });

  it('none of them reached a provider or counted usage', () => {
    assert.deepStrictEqual({ requests: server.requests.length, usage: setup.ledger.get(consumerId) }, { requests: 0, usage: undefined });
  });
});
