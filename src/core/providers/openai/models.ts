/**
 * `GET {api_base}/models` on the OpenAI wire, read leniently: OpenAI's `{data: [{id, created,
 * owned_by}]}`, Together's bare array, and the extra facts vendors add (OpenRouter's
 * `context_length` and `name`, Mistral's `max_context_length` and `capabilities`, Groq's
 * `context_window`).
 */

import type { ModelMode } from '../../types';
import { asRecord, stringField } from '../../jsonValues';
import { readJson, send } from '../exchange';
import type { CallContext, ProviderModel } from '../types';
import { mapOpenAIError } from './errors';
import { requestHeaders } from './request';
import type { OpenAIWireConfig } from './wireConfig';

const modeByName: readonly [RegExp, ModelMode][] = [
  [/embed/i, 'embedding'],
  [/whisper|transcribe/i, 'audio_transcription'],
  [/tts|speech/i, 'audio_speech'],
  [/dall-e|gpt-image|imagen|flux|stable-diffusion|sdxl/i, 'image_generation'],
  [/moderation|guard/i, 'moderation'],
  [/rerank/i, 'rerank'],
  [/^(babbage|davinci)/i, 'completion'],
];

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The mode a listed model is for, from the vendor's `type` or, failing that, its name. */
function modeOf(id: string, record: Record<string, unknown>): ModelMode | undefined {
  if (asRecord(record['capabilities'])?.['completion_chat'] === true) {
    return 'chat';
  }
  const type = stringField(record, 'type');
  if (type === 'chat' || type === 'language' || type === 'code') {
    return 'chat';
  }
  if (type === 'embedding') {
    return 'embedding';
  }
  return modeByName.find(([pattern]) => pattern.test(id))?.[1];
}

function toProviderModel(item: unknown): ProviderModel | undefined {
  const record = asRecord(item);
  const id = stringField(record, 'id');
  if (record === undefined || id === undefined || id.length === 0) {
    return undefined;
  }
  const capabilities = asRecord(record['capabilities']);
  const facts: ProviderModel['facts'] = {};
  const contextWindow = number(record['context_length']) ?? number(record['max_context_length']) ?? number(record['context_window']);
  if (contextWindow !== undefined) {
    facts.max_input_tokens = contextWindow;
  }
  const mode = modeOf(id, record);
  if (mode !== undefined) {
    facts.mode = mode;
  }
  if (typeof capabilities?.['vision'] === 'boolean') {
    facts.supports_vision = capabilities['vision'];
  }
  if (typeof capabilities?.['function_calling'] === 'boolean') {
    facts.supports_function_calling = capabilities['function_calling'];
  }
  const model: ProviderModel = { model: id, facts };
  const name = stringField(record, 'display_name') ?? stringField(record, 'name');
  if (name !== undefined && name !== id) {
    model.display_name = name;
  }
  const created = number(record['created']);
  if (created !== undefined) {
    model.created = created;
  }
  const owner = stringField(record, 'owned_by');
  if (owner !== undefined) {
    model.owned_by = owner;
  }
  return model;
}

export async function listOpenAIModels(call: CallContext, wire: OpenAIWireConfig): Promise<ProviderModel[]> {
  const response = await send(call, { url: `${call.provider.apiBase}/models`, method: 'GET', headers: requestHeaders(call.provider, wire, false) }, mapOpenAIError);
  const body = await readJson(response, call);
  const items = Array.isArray(body) ? body : asRecord(body)?.['data'];
  if (!Array.isArray(items)) {
    return [];
  }
  return items.map(toProviderModel).filter((model): model is ProviderModel => model !== undefined);
}
