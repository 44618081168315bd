/**
 * Shared pieces of the connection-test suites: a model-list server that checks the key, and a
 * report reduced to what does not vary between runs (ports, milliseconds, temp paths).
 */

import type { ConnectionReport } from '../../src/core';
import { apiKey, jsonHeaders } from '../helpers/llmHarness';
import type { Reply, RecordedRequest } from '../helpers/wireServer';

/** OpenAI's `GET /v1/models`: one model for the right key, a 401 for any other. */
export function modelList(request: RecordedRequest): Reply {
  if (request.headers['authorization'] !== `Bearer ${apiKey}`) {
    return { status: 401, headers: jsonHeaders, body: JSON.stringify({ error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' } }) };
  }
  return { headers: jsonHeaders, body: JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'openai' }] }) };
}

export type StepShape = [name: string, outcome: string, summary: string, detail?: string];

/** The report with varying text replaced: `replace` maps e.g. a port to 'PORT'; milliseconds read 'N ms', a certificate's expiry 'DATE'. */
export function shape(report: ConnectionReport, replace: Record<string, string> = {}): { url: string; ok: boolean; steps: StepShape[] } {
  const clean = (text: string): string => {
    let result = text.replace(/\d+ ms\b/g, 'N ms').replace(/valid until \d{4}-\d{2}-\d{2}/g, 'valid until DATE');
    for (const [from, to] of Object.entries(replace)) {
      result = result.split(from).join(to);
    }
    return result;
  };
  return {
    url: clean(report.url),
    ok: report.ok,
    steps: report.steps.map((step): StepShape => (step.detail === undefined ? [step.name, step.outcome, clean(step.summary)] : [step.name, step.outcome, clean(step.summary), clean(step.detail)])),
  };
}

/** The port of a `http://127.0.0.1:NNNN` URL, as text. */
export function portOf(url: string): string {
  return new URL(url).port;
}

/** What every skipped step after a failure says. */
export const notChecked = 'Not checked: an earlier step failed.';
