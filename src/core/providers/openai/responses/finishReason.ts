/**
 * A finished Response's status → chat completions' finish reason. A Response has no finish
 * reason of its own: `completed` is `stop` (or `tool_calls` when it called a function), and an
 * `incomplete` one says why in `incomplete_details.reason`.
 */

import { asRecord, stringField } from '../../../jsonValues';
import type { FinishReason } from '../../../types';

export interface ResponsesFinish {
  finish_reason: FinishReason;
  /** The status, or the incomplete reason, as OpenAI sent it. */
  native_finish_reason: string;
}

export function responsesFinish(response: Record<string, unknown>, calledFunction: boolean): ResponsesFinish {
  const status = stringField(response, 'status') ?? 'completed';
  if (status === 'incomplete') {
    const reason = stringField(asRecord(response['incomplete_details']), 'reason') ?? 'incomplete';
    return { finish_reason: reason === 'content_filter' ? 'content_filter' : 'length', native_finish_reason: reason };
  }
  return { finish_reason: calledFunction ? 'tool_calls' : 'stop', native_finish_reason: status };
}
