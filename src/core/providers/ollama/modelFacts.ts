/**
 * What `POST /api/show` tells about a model that shapes a chat request: its trained context
 * length, the `num_ctx` its Modelfile sets, and the named `think` levels it takes. Asked once per
 * server and model for the client's lifetime (kept in `call.memo`), because the answer only
 * changes when the model is replaced.
 */

import { APIConnectionError, NotFoundError, Timeout, errorMessage, isAbortError } from '../../errors';
import { asRecord, stringField } from '../../jsonValues';
import { readJson, send } from '../exchange';
import type { CallContext } from '../types';
import { mapOllamaError } from './errors';
import { ollamaHeaders } from './headers';

export interface ModelFacts {
  /** `model_info['<architecture>.context_length']`: the longest context the model was trained for. */
  contextLength?: number;
  /** `PARAMETER num_ctx` of the model's Modelfile: the window its author chose. */
  modelfileNumCtx?: number;
  /** Named `think` levels (`thinking.values` strings: gpt-oss's low, medium, high); [] when only on/off. */
  thinkLevels?: readonly string[];
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function contextLengthOf(modelInfo: Record<string, unknown> | undefined): number | undefined {
  if (modelInfo === undefined) {
    return undefined;
  }
  const architecture = stringField(modelInfo, 'general.architecture');
  if (architecture !== undefined) {
    return positive(modelInfo[`${architecture}.context_length`]);
  }
  const key = Object.keys(modelInfo).find((name) => name.endsWith('.context_length'));
  return key === undefined ? undefined : positive(modelInfo[key]);
}

/** `num_ctx` from the `parameters` text (`num_ctx                        8192`). */
function modelfileNumCtx(parameters: string | undefined): number | undefined {
  for (const line of parameters?.split('\n') ?? []) {
    const [name, value] = line.trim().split(/\s+/);
    if (name === 'num_ctx') {
      return positive(Number(value));
    }
  }
  return undefined;
}

/** The facts in a `/api/show` body; whatever it lacks stays absent. */
function parseModelFacts(body: unknown): ModelFacts {
  const record = asRecord(body);
  const facts: ModelFacts = {};
  const contextLength = contextLengthOf(asRecord(record?.['model_info']));
  if (contextLength !== undefined) {
    facts.contextLength = contextLength;
  }
  const numCtx = modelfileNumCtx(stringField(record, 'parameters'));
  if (numCtx !== undefined) {
    facts.modelfileNumCtx = numCtx;
  }
  const values = asRecord(record?.['thinking'])?.['values'];
  if (Array.isArray(values)) {
    facts.thinkLevels = values.filter((value): value is string => typeof value === 'string');
  }
  return facts;
}

/** True when the failure will not change by asking again soon (so it is remembered). */
function lasting(error: unknown): boolean {
  // A server that is down, slow, or lacks the model (about to be pulled) may answer next time.
  return !(error instanceof APIConnectionError || error instanceof Timeout || error instanceof NotFoundError);
}

function memoKey(baseUrl: string, model: string): string {
  return `ollama/show ${baseUrl} ${model}`;
}

/** What this client already learnt about a model, without asking. */
export function rememberedFacts(call: CallContext, baseUrl: string, model: string): ModelFacts | undefined {
  return call.memo.get(memoKey(baseUrl, model)) as ModelFacts | undefined;
}

/** The model's facts, from the memo or from `/api/show`; {} when the server would not say. */
export async function modelFacts(call: CallContext, baseUrl: string): Promise<ModelFacts> {
  const key = memoKey(baseUrl, call.modelId);
  const known = rememberedFacts(call, baseUrl, call.modelId);
  if (known !== undefined) {
    return known;
  }
  try {
    const response = await send(call, { url: `${baseUrl}/api/show`, headers: ollamaHeaders(call.provider, false), body: { model: call.modelId } }, mapOllamaError);
    const facts = parseModelFacts(await readJson(response, call));
    call.memo.set(key, facts);
    return facts;
  } catch (error) {
    if (isAbortError(error)) {
      throw error;
    }
    call.logger.debug(`${call.provider.displayName}: /api/show for ${call.modelId} failed (${errorMessage(error)}); sizing the context from the catalogue.`);
    if (lasting(error)) {
      call.memo.set(key, {});
    }
    return {};
  }
}
