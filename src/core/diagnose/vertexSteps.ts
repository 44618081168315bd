/**
 * The http and auth steps of a Vertex AI connection test. Vertex has no cheap model list for a
 * project, so the test signs in first (an access token from the credentials the settings step
 * named, through google-auth-library as a request would) and then sends the smallest request that
 * proves the project, location, model and permission together: a generateContent (or Claude's
 * rawPredict) with a one-word prompt and max_tokens 1, through the client's own transport.
 */

import { AbortError, errorMessage, LLMError } from '../errors';
import { credentialsJson, VertexCredentials } from '../providers/vertex/auth';
import type { CallOptions, CompletionParams, ModelResponse } from '../types';
import { answerSteps, type ProbeRequest } from './httpSteps';
import type { ConnectionPlan } from './plan';
import { elapsed, withDeadline } from './probes';
import type { ConnectionStep } from './types';

/** The client's non-streaming completion. */
export type Completion = (params: CompletionParams & { stream?: false }) => Promise<ModelResponse>;

/** The model a test asks when the target names none: LiteLLM's documented Vertex example. */
export const defaultVertexTestModel = 'gemini-2.5-flash';

/** Signs in with the named credentials (ADC when none): the token itself is dropped at once. */
async function obtainToken(source: string | undefined, timeoutMs: number, signal: AbortSignal | undefined): Promise<void> {
  const credentials = new VertexCredentials(credentialsJson(source, (reason) => new Error(reason)));
  await withDeadline(timeoutMs, signal, () => credentials.accessToken());
}

const tokenFailedNext: ConnectionStep = { name: 'http', outcome: 'skipped', summary: 'Not sent: there is no access token to send.' };

export async function vertexSteps(plan: ConnectionPlan, modelId: string | undefined, options: CallOptions, timeoutSeconds: number, completion: Completion): Promise<[ConnectionStep, ConnectionStep]> {
  const name = plan.definition.displayName;
  const source = plan.cloud?.vertexSource;
  const express = source === 'express';
  let tokenWords = '';
  if (!express) {
    const started = performance.now();
    try {
      await obtainToken(source, timeoutSeconds * 1000, options.signal);
      tokenWords = `Google Cloud gave an access token in ${elapsed(started)} ms, and `;
    } catch (error) {
      if (error instanceof AbortError) {
        throw error;
      }
      return [tokenFailedNext, { name: 'auth', outcome: 'failed', summary: 'Could not get a Google Cloud access token.', detail: `${errorMessage(error)} Check the credentials the settings step names, then test again.`, ms: elapsed(started) }];
    }
  }
  const model = modelId === undefined || modelId.length === 0 ? defaultVertexTestModel : modelId;
  const request: ProbeRequest = { words: `a 1-token request to ${model}`, notFoundAdvice: `Check the model name, the project and the location: ${model} may not be offered there.` };
  const started = performance.now();
  try {
    await completion({ ...options, model: `${plan.definition.id}/${model}`, messages: [{ role: 'user', content: 'Hi' }], max_tokens: 1, stream: false, timeout: timeoutSeconds, num_retries: 0 });
    const ms = elapsed(started);
    return [
      { name: 'http', outcome: 'passed', summary: `${name} answered ${request.words} in ${ms} ms.`, ms },
      { name: 'auth', outcome: 'passed', summary: express ? `${name} accepted the API key.` : `${tokenWords}${name} accepted it.` },
    ];
  } catch (error) {
    if (error instanceof AbortError || !(error instanceof LLMError)) {
      throw error;
    }
    return answerSteps(error, plan, elapsed(started), request);
  }
}
