/**
 * `GET {api_base}/v1/models`, page by page (`after_id`) while Anthropic says it has more.
 */

import { asRecord, stringField } from '../../jsonValues';
import { readJson, send } from '../exchange';
import type { CallContext, ProviderModel } from '../types';
import { mapAnthropicError } from './errors';
import { anthropicHeaders, anthropicUrl } from './request';

/** Anthropic's largest page. */
const pageSize = 1000;
/** A server that always says `has_more` must not keep us paging for ever. */
const maxPages = 20;

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function supported(capabilities: Record<string, unknown> | undefined, name: string): boolean | undefined {
  const value = asRecord(capabilities?.[name])?.['supported'];
  return typeof value === 'boolean' ? value : undefined;
}

/** One entry of the list; newer API versions add token limits and capabilities, read when present. */
function toProviderModel(item: unknown): ProviderModel | undefined {
  const record = asRecord(item);
  const id = stringField(record, 'id');
  if (record === undefined || id === undefined || id.length === 0) {
    return undefined;
  }
  const facts: NonNullable<ProviderModel['facts']> = { mode: 'chat' };
  const inputLimit = positive(record['max_input_tokens']);
  if (inputLimit !== undefined) {
    facts.max_input_tokens = inputLimit;
  }
  const outputLimit = positive(record['max_tokens']);
  if (outputLimit !== undefined) {
    facts.max_output_tokens = outputLimit;
  }
  const capabilities = asRecord(record['capabilities']);
  const vision = supported(capabilities, 'image_input');
  if (vision !== undefined) {
    facts.supports_vision = vision;
  }
  const reasoning = supported(capabilities, 'thinking');
  if (reasoning !== undefined) {
    facts.supports_reasoning = reasoning;
  }
  const model: ProviderModel = { model: id, owned_by: 'anthropic', facts };
  const name = stringField(record, 'display_name');
  if (name !== undefined && name !== id) {
    model.display_name = name;
  }
  const created = Date.parse(stringField(record, 'created_at') ?? '');
  if (Number.isFinite(created)) {
    model.created = Math.floor(created / 1000);
  }
  return model;
}

export async function listAnthropicModels(call: CallContext): Promise<ProviderModel[]> {
  const models: ProviderModel[] = [];
  let after: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const cursor = after === undefined ? '' : `&after_id=${encodeURIComponent(after)}`;
    const url = `${anthropicUrl(call.provider.apiBase, 'models')}?limit=${pageSize}${cursor}`;
    const response = await send(call, { url, method: 'GET', headers: anthropicHeaders(call.provider, false) }, mapAnthropicError);
    const body = asRecord(await readJson(response, call));
    const items = body?.['data'];
    if (Array.isArray(items)) {
      for (const item of items) {
        const model = toProviderModel(item);
        if (model !== undefined) {
          models.push(model);
        }
      }
    }
    const last = stringField(body, 'last_id');
    if (body?.['has_more'] !== true || last === undefined || last === after) {
      break;
    }
    after = last;
  }
  return models;
}
