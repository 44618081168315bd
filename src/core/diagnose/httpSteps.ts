/**
 * The HTTP and auth steps of a connection test: one real request, the provider's model list — the
 * one `listModels` sends, through the client's own transport, headers and route — and what its
 * answer says about the key.
 */

import { AbortError, APIConnectionError, AuthenticationError, LLMError, NotFoundError, PermissionDeniedError, RateLimitError, Timeout } from '../errors';
import type { CallOptions, ListedModel } from '../types';
import type { ConnectionPlan } from './plan';
import { elapsed } from './probes';
import { errorMessage } from '../errors';
import type { ConnectionStep } from './types';

/** The client's model-list request. */
export type ListModels = (provider: string, options: CallOptions) => Promise<ListedModel[]>;

/** The first sentence of a message, and the rest. */
function split(message: string): { first: string; rest: string } {
  const first = /^.*?\.(?=\s|$)/.exec(message)?.[0] ?? message;
  return { first, rest: message.slice(first.length).trim() };
}

function withDetail(step: ConnectionStep, detail: string): ConnectionStep {
  return detail.length === 0 ? step : { ...step, detail };
}

/** The http step, then the auth step. */
export async function httpAndAuthSteps(plan: ConnectionPlan, options: CallOptions, timeoutSeconds: number, listModels: ListModels): Promise<[ConnectionStep, ConnectionStep]> {
  const { id, displayName, apiKeyEnv } = plan.definition;
  if (plan.definition.adapter.listModels === undefined) {
    return [
      { name: 'http', outcome: 'skipped', summary: `${displayName} has no model list to ask, so no request was sent.` },
      { name: 'auth', outcome: 'skipped', summary: 'The key is checked by the first chat request.' },
    ];
  }
  if (plan.key.kind === 'none' && plan.key.required) {
    const variable = apiKeyEnv[0];
    return [
      { name: 'http', outcome: 'skipped', summary: `Not sent: without a key, ${displayName} refuses every request.` },
      { name: 'auth', outcome: 'failed', summary: `No API key is set for ${displayName}.`, detail: `Set one${variable === undefined ? '' : `, or set ${variable}`}, then test again.` },
    ];
  }
  const started = performance.now();
  try {
    const models = await listModels(id, { ...options, timeout: timeoutSeconds, num_retries: 0 });
    const http: ConnectionStep = { name: 'http', outcome: 'passed', summary: `${displayName} answered the model list request in ${elapsed(started)} ms (${models.length} ${models.length === 1 ? 'model' : 'models'}).`, ms: elapsed(started) };
    const auth: ConnectionStep = { name: 'auth', outcome: 'passed', summary: acceptedWords(plan) };
    return [http, auth];
  } catch (error) {
    if (error instanceof AbortError || !(error instanceof LLMError)) {
      throw error;
    }
    return answerSteps(error, plan, elapsed(started), modelListRequest);
  }
}

/** What a good answer says about the key or the credentials. */
function acceptedWords(plan: ConnectionPlan): string {
  const name = plan.definition.displayName;
  if (plan.cloud !== undefined) {
    return `${name} accepted the credentials.`;
  }
  return plan.key.kind === 'none' ? `${name} answered without a key (none needed).` : `${name} accepted the key.`;
}

/** The request a connection test sends, in words, and what a 404 to it suggests. */
export interface ProbeRequest {
  words: string;
  notFoundAdvice: string;
}

const modelListRequest: ProbeRequest = { words: 'the model list request', notFoundAdvice: 'Check the base URL: OpenAI-style servers end in /v1.' };

/** What an error answer to the probe request says about the http and auth steps. */
export function answerSteps(error: LLMError, plan: ConnectionPlan, ms: number, request: ProbeRequest): [ConnectionStep, ConnectionStep] {
  const name = plan.definition.displayName;
  const status = error.status_code;
  const { first, rest } = split(errorMessage(error));
  if (error instanceof APIConnectionError || error instanceof Timeout) {
    // The probes got through, the request did not: the message says why (it names the proxy or the certificate).
    return [withDetail({ name: 'http', outcome: 'failed', summary: first, ms }, rest), { name: 'auth', outcome: 'skipped', summary: 'Not checked: an earlier step failed.' }];
  }
  const answered: ConnectionStep = { name: 'http', outcome: 'passed', summary: `${name} answered ${status} to ${request.words}.`, ms };
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    if (plan.cloud !== undefined) {
      return [answered, { name: 'auth', outcome: 'failed', summary: `${name} rejected the credentials (${status}).`, detail: `${errorMessage(error)} Check the credentials the settings step names, then test again.` }];
    }
    const summary = plan.key.kind === 'none' ? `${name} wants a key (${status}).` : `${name} rejected the key (${status}).`;
    return [answered, { name: 'auth', outcome: 'failed', summary, detail: `${errorMessage(error)} Set a valid key, then test again.` }];
  }
  if (error instanceof RateLimitError) {
    return [answered, { name: 'auth', outcome: 'passed', summary: `${name} accepted the key, but is limiting its requests right now (429).`, detail: errorMessage(error) }];
  }
  const advice = error instanceof NotFoundError ? ` ${request.notFoundAdvice}` : '';
  return [
    { name: 'http', outcome: 'failed', summary: `${name} answered ${status} to ${request.words}.`, detail: `${errorMessage(error)}${advice}`, ms },
    { name: 'auth', outcome: 'skipped', summary: 'Not checked: an earlier step failed.' },
  ];
}
