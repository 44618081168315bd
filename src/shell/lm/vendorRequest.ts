/**
 * One request to the `switchboard` vendor → the core's streamed completion: the messages and
 * options mapped, then the model's target (a custom endpoint's base URL, headers and key) laid over
 * them, so nothing a caller sends can redirect where the user's key goes.
 */

import type { CallOptions, CompletionParams } from '../../core';
import type { LmLog, LmMessage, LmTool, LmToolMode } from './lmParts';
import { toOpenAiMessages } from './requestMessages';
import { requestOptionParams } from './requestOptions';

export interface VendorRequest {
  /** Whether the model takes images (its `capabilities.imageInput`). */
  vision: boolean;
  messages: readonly LmMessage[];
  tools?: readonly LmTool[] | undefined;
  toolMode: LmToolMode;
  modelOptions?: Readonly<Record<string, unknown>> | undefined;
  /** The model as the core should be asked for it, and the per-call options that go with it. */
  target: { model: string; options: CallOptions };
  signal: AbortSignal;
}

export function vendorCompletionParams(request: VendorRequest, log: LmLog): CompletionParams & { stream: true } {
  return {
    ...requestOptionParams({ tools: request.tools, toolMode: request.toolMode, modelOptions: request.modelOptions }, log),
    messages: toOpenAiMessages(request.messages, { vision: request.vision, log }),
    ...request.target.options,
    model: request.target.model,
    signal: request.signal,
    stream: true,
  };
}
