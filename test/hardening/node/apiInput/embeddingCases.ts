/**
 * Invalid embedding calls, generated from the fields of EmbeddingParams as the completion cases
 * are; and the ways a caller can fail to say who it is (`extensionId`), which API version it
 * wants, or how it cancels (`token`).
 */

import { callOptionFields, casesFor, describeValue, type FieldKind, type InvalidCase } from './wrongValues';

export const validEmbedding = { model: 'openai/text-embedding-3-small', input: 'Hello' };

const embeddingFields: Record<string, FieldKind> = {
  dimensions: 'count',
  encoding_format: { oneOf: ['float', 'base64'] },
  user: 'string',
  task_type: 'string',
  ...callOptionFields,
};

export function embeddingCases(): InvalidCase[] {
  const inputs: [unknown, string][] = [
    [undefined, 'input'],
    [null, 'input'],
    ['', 'input'],
    [[], 'input'],
    [5, 'input'],
    [true, 'input'],
    [{ text: 'Hello' }, 'input'],
    [['Hello', ''], 'input[1]'],
    [['Hello', null], 'input[1]'],
    [[{ text: 'Hello' }], 'input[0]'],
    [[true], 'input[0]'],
  ];
  const models: unknown[] = [undefined, 42, null, '', [], 'openai/', 'nosuch/embed', 'vscode-lm/copilot/gpt-4o'];
  return [
    ...['Hello', 5, null, []].map((params) => ({ label: `params = ${describeValue(params)}`, params, param: 'params' })),
    ...models.map((model) => ({ label: `model = ${describeValue(model)}`, params: { input: 'Hello', ...(model === undefined ? {} : { model }) }, param: 'model' })),
    ...inputs.map(([input, param]) => ({ label: `input = ${describeValue(input)}`, params: { model: validEmbedding.model, ...(input === undefined ? {} : { input }) }, param })),
    ...Object.entries(embeddingFields).flatMap(([field, kind]) => casesFor(field, kind, (value) => ({ ...validEmbedding, [field]: value }))),
    { label: 'extra_headers = {"X-Trace":1}', params: { ...validEmbedding, extra_headers: { 'X-Trace': 1 } }, param: 'extra_headers.X-Trace' },
    { label: 'extra_headers = {"Host":"evil.example"}', params: { ...validEmbedding, extra_headers: { Host: 'evil.example' } }, param: 'extra_headers.Host' },
    { label: 'extra_body = {"input":["other"]}', params: { ...validEmbedding, extra_body: { input: ['other'] } }, param: 'extra_body.input' },
    { label: 'extra_body = {"model":"openai/text-embedding-3-large"}', params: { ...validEmbedding, extra_body: { model: 'openai/text-embedding-3-large' } }, param: 'extra_body.model' },
    { label: 'ssl_verify = 5', params: { ...validEmbedding, ssl_verify: 5 }, param: 'ssl_verify' },
    { label: 'signal = {"aborted":false}', params: { ...validEmbedding, signal: { aborted: false } }, param: 'signal' },
  ];
}

/** `getApi`'s and the commands' second argument, when it does not name an installed extension. */
export const badCallerOptions: unknown[] = [
  undefined,
  null,
  'acme.consumer',
  5,
  {},
  { extensionId: 5 },
  { extensionId: '' },
  { extensionId: 'consumer' },
  { extensionId: 'acme.' },
  { extensionId: '.consumer' },
  { extensionId: '../acme.consumer' },
  { extensionId: 'acme consumer.x' },
  { extensionId: 'ghost.extension' },
  { id: 'acme.consumer' },
];

export const badVersions: unknown[] = [2, 0, '1', 1.5, null, undefined, [1], { version: 1 }];

/** A second argument to `completion` that is not a CancellationToken. */
export const badTokens: unknown[] = ['soon', 5, true, {}, { isCancellationRequested: false }, { onCancellationRequested: () => ({ dispose: () => undefined }) }];
