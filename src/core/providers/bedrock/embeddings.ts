/**
 * Embeddings through Bedrock's InvokeModel (`POST /model/{id}/invoke`), whose body is the model
 * family's own: Amazon Titan takes one text per request (`{inputText, dimensions?}` →
 * `{embedding, inputTextTokenCount}`), Cohere up to 96 (`{texts, input_type}` → `{embeddings}`,
 * a list of vectors or, when `embedding_types` was asked for, `{float: [...]}`), its token count
 * in the `x-amzn-bedrock-input-token-count` header. Each request's body goes out as built here;
 * the adapter signs and sends them.
 */

import { APIError, BadRequestError } from '../../errors';
import { asRecord } from '../../jsonValues';
import type { Embedding, EmbeddingParams, EmbeddingResponse } from '../../types';
import { base64Of } from '../ollama/embeddings';
import type { CallContext } from '../types';

/** What one InvokeModel call sends, and the indexes of the inputs it embeds. */
export interface EmbeddingCall {
  body: Record<string, unknown>;
  firstIndex: number;
}

/** One InvokeModel answer: its JSON and the token count AWS put in a header, if any. */
export interface EmbeddingAnswer {
  body: unknown;
  headerTokens: number | undefined;
}

type Family = 'titan' | 'cohere';

/** Cohere on Bedrock embeds at most this many texts per request. */
const cohereBatch = 96;

/** Cohere needs an `input_type`; LiteLLM sends `search_document` when the caller names none. */
const cohereDefaultInputType = 'search_document';

function invalid(call: CallContext, param: string, message: string): BadRequestError {
  return new BadRequestError({ param, message, llm_provider: call.provider.id, model: call.requestedModel });
}

/** The family by the model id, an inference profile's region prefix (`us.cohere.…`) included. */
function familyOf(call: CallContext): Family {
  if (call.modelId.includes('amazon.titan-embed-text')) {
    return 'titan';
  }
  if (call.modelId.includes('cohere.embed')) {
    return 'cohere';
  }
  throw invalid(call, 'model', `${call.provider.displayName} embeddings go to Amazon Titan text (amazon.titan-embed-text-v2:0) or Cohere (cohere.embed-…) models; ${call.modelId} is neither.`);
}

function textInputs(params: EmbeddingParams, call: CallContext): string[] {
  const input = params.input;
  const texts = typeof input === 'string' ? [input] : input;
  if (!texts.every((item): item is string => typeof item === 'string')) {
    throw invalid(call, 'input', `${call.provider.displayName} embeds text only; 'input' holds token ids.`);
  }
  return texts;
}

export function embeddingCalls(params: EmbeddingParams, call: CallContext): EmbeddingCall[] {
  const texts = textInputs(params, call);
  if (familyOf(call) === 'titan') {
    return texts.map((inputText, index) => ({
      body: { inputText, ...(params.dimensions === undefined ? {} : { dimensions: params.dimensions }), ...params.extra_body },
      firstIndex: index,
    }));
  }
  const calls: EmbeddingCall[] = [];
  for (let start = 0; start < texts.length; start += cohereBatch) {
    const body: Record<string, unknown> = { texts: texts.slice(start, start + cohereBatch), input_type: cohereDefaultInputType };
    if (params.dimensions !== undefined) {
      // Cohere Embed v4's name for the vector size; v3 models refuse it, as they should.
      body['output_dimension'] = params.dimensions;
    }
    calls.push({ body: { ...body, ...params.extra_body }, firstIndex: start });
  }
  return calls;
}

function malformed(call: CallContext, body: unknown, field: string): APIError {
  return new APIError({ message: `${call.provider.displayName} answered the embeddings request without ${field}.`, llm_provider: call.provider.id, model: call.requestedModel, body });
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'number');
}

/** The vectors and the token count of one answer. */
function vectorsOf(answer: EmbeddingAnswer, call: CallContext): { vectors: number[][]; tokens: number | undefined } {
  const record = asRecord(answer.body);
  const titan = record?.['embedding'];
  if (titan !== undefined) {
    if (!isVector(titan)) {
      throw malformed(call, answer.body, "a numeric 'embedding'");
    }
    const count = record?.['inputTextTokenCount'];
    return { vectors: [titan], tokens: typeof count === 'number' ? count : answer.headerTokens };
  }
  const cohere = record?.['embeddings'];
  const list = Array.isArray(cohere) ? cohere : asRecord(cohere)?.['float'];
  if (!Array.isArray(list) || !list.every(isVector)) {
    throw malformed(call, answer.body, "an 'embedding' or 'embeddings' list of numbers");
  }
  return { vectors: list, tokens: answer.headerTokens };
}

/** The answers, in the order of `calls`, as one OpenAI `list`. */
export function embeddingResponse(calls: readonly EmbeddingCall[], answers: readonly EmbeddingAnswer[], params: EmbeddingParams, call: CallContext): EmbeddingResponse {
  const data: Embedding[] = [];
  let tokens = 0;
  let counted = true;
  answers.forEach((answer, position) => {
    const { vectors, tokens: answerTokens } = vectorsOf(answer, call);
    const first = calls[position]?.firstIndex ?? data.length;
    vectors.forEach((vector, offset) => {
      data.push({ object: 'embedding', index: first + offset, embedding: params.encoding_format === 'base64' ? base64Of(vector) : vector });
    });
    if (answerTokens === undefined) {
      counted = false;
    } else {
      tokens += answerTokens;
    }
  });
  const response: EmbeddingResponse = { object: 'list', data, model: call.modelId };
  if (counted) {
    response.usage = { prompt_tokens: tokens, total_tokens: tokens };
  }
  return response;
}
