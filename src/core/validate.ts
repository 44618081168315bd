/**
 * Checks a call's parameters before anything is sent, so bad input gets a BadRequestError that
 * names the field (`messages[2].role`, `fallbacks[1].temperature`) instead of a provider's
 * puzzling 400, or a crash. Each fallback's own options are checked as the call's are: they are
 * sent when it takes over.
 */

import type { CompletionParams, EmbeddingParams } from './types';
import { describeValue, isRecord } from './jsonValues';
import { checkEmbeddingOptions, checkGenerationOptions, fail, type Fields } from './validateFields';
import { checkMessages } from './validateMessages';
import { checkTooling } from './validateTooling';

/** Checks `model`: a non-empty string. Routing checks the provider part. */
export function checkModel(model: unknown): void {
  if (typeof model !== 'string' || model.trim().length === 0) {
    fail('model', `expected 'provider/model' (e.g. 'openai/gpt-4o-mini'), got ${describeValue(model)}.`);
  }
}

/** Everything but `model`, `messages` and `fallbacks`, for the call or for one fallback. */
function checkCompletionOptions(fields: Fields): void {
  checkGenerationOptions(fields);
  checkTooling(fields);
}

/** Each fallback is a model name, or a model with options of its own (checked as the call's). */
function checkFallbacks(fallbacks: unknown, model: unknown): void {
  if (fallbacks === undefined) {
    return;
  }
  if (!Array.isArray(fallbacks)) {
    fail('fallbacks', `expected an array of models, got ${describeValue(fallbacks)}.`, model);
  }
  fallbacks.forEach((fallback: unknown, index) => {
    const path = `fallbacks[${index}]`;
    if (typeof fallback === 'string') {
      if (fallback.trim().length === 0) {
        fail(path, 'expected a model name.', model);
      }
      return;
    }
    if (!isRecord(fallback)) {
      fail(path, `a fallback is a model name, or an object with a \`model\`; got ${describeValue(fallback)}.`, model);
    }
    if (typeof fallback['model'] !== 'string' || fallback['model'].trim().length === 0) {
      fail(`${path}.model`, 'a fallback object needs the model to fall back to.', model);
    }
    checkCompletionOptions({ values: fallback, prefix: `${path}.`, model });
  });
}

/** Checks a completion call; throws BadRequestError naming the first bad field. */
export function validateCompletionParams(params: unknown): asserts params is CompletionParams {
  if (!isRecord(params)) {
    fail('params', `expected an object, got ${describeValue(params)}.`);
  }
  const model = params['model'];
  checkModel(model);
  checkMessages(params['messages'], model);
  if (params['stream'] !== undefined && typeof params['stream'] !== 'boolean') {
    fail('stream', `expected true or false, got ${describeValue(params['stream'])}.`, model);
  }
  checkCompletionOptions({ values: params, prefix: '', model });
  checkFallbacks(params['fallbacks'], model);
}

/** Checks an embedding call; throws BadRequestError naming the first bad field. */
export function validateEmbeddingParams(params: unknown): asserts params is EmbeddingParams {
  if (!isRecord(params)) {
    fail('params', `expected an object, got ${describeValue(params)}.`);
  }
  const model = params['model'];
  checkModel(model);
  const input = params['input'];
  const empty =
    input === undefined ||
    input === null ||
    (typeof input === 'string' && input.length === 0) ||
    (Array.isArray(input) && input.length === 0);
  if (empty) {
    fail('input', 'expected a non-empty string or a non-empty array of strings.', model);
  }
  if (typeof input !== 'string' && !Array.isArray(input)) {
    fail('input', `expected a string or an array, got ${describeValue(input)}.`, model);
  }
  if (Array.isArray(input)) {
    input.forEach((item: unknown, index) => {
      const ok = (typeof item === 'string' && item.length > 0) || typeof item === 'number' || Array.isArray(item);
      if (!ok) {
        fail(`input[${index}]`, `expected a non-empty string, got ${describeValue(item)}.`, model);
      }
    });
  }
  checkEmbeddingOptions({ values: params, prefix: '', model });
}
