/**
 * `GET {api_base}/v1beta/models`, page by page: `{models: [{name: 'models/…', displayName,
 * inputTokenLimit, outputTokenLimit, supportedGenerationMethods, thinking}], nextPageToken}`.
 */

import { asRecord, stringField } from '../../jsonValues';
import { readJson, send } from '../exchange';
import type { CallContext, ProviderModel } from '../types';
import { mapGeminiError } from './errors';
import { requestHeaders, versionedBase } from './request';

/** A server that hands out the same page token forever must not keep us here. */
const maxPages = 50;

function limit(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function toProviderModel(item: unknown): ProviderModel | undefined {
  const record = asRecord(item);
  const name = stringField(record, 'name');
  if (record === undefined || name === undefined || name.length === 0) {
    return undefined;
  }
  const id = name.startsWith('models/') ? name.slice('models/'.length) : name;
  const facts: NonNullable<ProviderModel['facts']> = {};
  const input = limit(record['inputTokenLimit']);
  if (input !== undefined) {
    facts.max_input_tokens = input;
  }
  const output = limit(record['outputTokenLimit']);
  if (output !== undefined) {
    facts.max_output_tokens = output;
  }
  const methods = Array.isArray(record['supportedGenerationMethods']) ? (record['supportedGenerationMethods'] as unknown[]) : [];
  if (methods.includes('generateContent')) {
    facts.mode = 'chat';
  } else if (methods.includes('embedContent') || methods.includes('batchEmbedContents')) {
    facts.mode = 'embedding';
  }
  if (typeof record['thinking'] === 'boolean') {
    facts.supports_reasoning = record['thinking'];
  }
  const model: ProviderModel = { model: id, facts };
  const displayName = stringField(record, 'displayName');
  if (displayName !== undefined && displayName !== id) {
    model.display_name = displayName;
  }
  return model;
}

export async function listGeminiModels(call: CallContext): Promise<ProviderModel[]> {
  const models: ProviderModel[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const query = pageToken === undefined ? '' : `&pageToken=${encodeURIComponent(pageToken)}`;
    const request = { url: `${versionedBase(call.provider)}/models?pageSize=1000${query}`, method: 'GET' as const, headers: requestHeaders(call.provider, false) };
    const body = asRecord(await readJson(await send(call, request, mapGeminiError), call));
    const items = body?.['models'];
    if (Array.isArray(items)) {
      for (const item of items) {
        const model = toProviderModel(item);
        if (model !== undefined) {
          models.push(model);
        }
      }
    }
    const next = stringField(body, 'nextPageToken');
    if (next === undefined || next.length === 0 || next === pageToken) {
      break;
    }
    pageToken = next;
  }
  return models;
}
