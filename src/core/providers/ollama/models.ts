/**
 * `GET /api/tags`: the models pulled on this server, under Ollama's own names (`llama3.2:latest`,
 * `qwen2.5-coder:7b`), which are what `ollama/<name>` must say. Embedding models are told apart
 * by family (BERT-style encoders) or name; a context length this client already learnt from
 * /api/show is added.
 */

import type { ModelMode } from '../../types';
import { asRecord, stringField } from '../../jsonValues';
import { readJson, send } from '../exchange';
import type { CallContext, ProviderModel } from '../types';
import { mapOllamaError } from './errors';
import { ollamaHeaders } from './headers';
import { rememberedFacts } from './modelFacts';

const embeddingFamilies = new Set(['bert', 'nomic-bert', 'nomic-bert-moe', 'xlm-roberta', 'jina-bert-v2']);

function modeOf(name: string, details: Record<string, unknown> | undefined): ModelMode {
  const listed: unknown = details?.['families'];
  const families: unknown[] = [stringField(details, 'family'), ...(Array.isArray(listed) ? (listed as unknown[]) : [])];
  if (families.some((family) => typeof family === 'string' && embeddingFamilies.has(family))) {
    return 'embedding';
  }
  return name.toLowerCase().includes('embed') ? 'embedding' : 'chat';
}

/** `llama3.2:latest (3.2B, Q4_K_M)`: the name with what tells two pulls of a model apart. */
function displayName(name: string, details: Record<string, unknown> | undefined): string {
  const facts = [stringField(details, 'parameter_size'), stringField(details, 'quantization_level')].filter((fact): fact is string => fact !== undefined && fact.length > 0);
  return facts.length > 0 ? `${name} (${facts.join(', ')})` : name;
}

function toProviderModel(item: unknown, call: CallContext, baseUrl: string): ProviderModel | undefined {
  const record = asRecord(item);
  const name = stringField(record, 'name') ?? stringField(record, 'model');
  if (name === undefined || name.length === 0) {
    return undefined;
  }
  const details = asRecord(record?.['details']);
  const model: ProviderModel = { model: name, display_name: displayName(name, details), facts: { mode: modeOf(name, details) } };
  const modified = Date.parse(stringField(record, 'modified_at') ?? '');
  if (!Number.isNaN(modified)) {
    model.created = Math.floor(modified / 1000);
  }
  const learnt = rememberedFacts(call, baseUrl, name);
  if (learnt?.contextLength !== undefined && model.facts !== undefined) {
    model.facts.max_input_tokens = learnt.contextLength;
  }
  return model;
}

export async function listOllamaModels(call: CallContext, baseUrl: string): Promise<ProviderModel[]> {
  const response = await send(call, { url: `${baseUrl}/api/tags`, method: 'GET', headers: ollamaHeaders(call.provider, false) }, mapOllamaError);
  const models = asRecord(await readJson(response, call))?.['models'];
  if (!Array.isArray(models)) {
    return [];
  }
  return models.map((item) => toProviderModel(item, call, baseUrl)).filter((model): model is ProviderModel => model !== undefined);
}
