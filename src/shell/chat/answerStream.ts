/**
 * One answer, from request to end: streams it through `ChatCompletions`, grows the assistant
 * message as chunks arrive (so a snapshot taken mid-stream shows the text so far), hands each
 * fragment to the batcher, and ends the message `complete`, `stopped` (the user cancelled: the
 * partial text stays) or `error` (the partial text stays too, with an error a person can act on).
 */

import type { CompletionStream, Message, ModelResponse, ModelResponseChunk, Usage } from '../../core';
import type { ChatMessageView, ToolCallDeltaView, ToolCallView } from '../../protocol/messages';
import { errorText } from './errorText';
import type { Localize } from './localize';
import type { ChatCompletions, ChatLog } from './ports';
import type { AnswerFragment } from './streamBatcher';
import { maskSecrets, userFacingError } from './userErrors';
import { usageView } from './usage';

export interface AnswerRequest {
  completions: ChatCompletions;
  model: string;
  messages: Message[];
  signal: AbortSignal;
  /** The assistant message to fill; its status is `streaming` until this returns. */
  message: ChatMessageView;
  /** Called with each fragment as it arrives. */
  onFragment: (fragment: AnswerFragment) => void;
  log: ChatLog;
  localize: Localize;
}

/** Tool calls as they stream: fragments joined by `index` into the message's list. */
class ToolCallJoiner {
  private readonly byIndex = new Map<number, ToolCallView>();

  constructor(private readonly message: ChatMessageView) {}

  add(fragments: readonly ToolCallDeltaView[]): void {
    for (const fragment of fragments) {
      let call = this.byIndex.get(fragment.index);
      if (call === undefined) {
        call = { id: '', name: '', arguments: '' };
        this.byIndex.set(fragment.index, call);
        (this.message.toolCalls ??= []).push(call);
      }
      if (fragment.id !== undefined && call.id === '') {
        call.id = fragment.id;
      }
      if (fragment.name !== undefined && call.name === '') {
        call.name = fragment.name;
      }
      if (fragment.arguments !== undefined) {
        call.arguments += fragment.arguments;
      }
    }
  }
}

function fragmentOf(chunk: ModelResponseChunk): AnswerFragment | undefined {
  const delta = chunk.choices[0]?.delta;
  if (delta === undefined) {
    return undefined;
  }
  const fragment: AnswerFragment = {};
  // A refusal is the model's answer too: shown as text, not lost.
  const content = (typeof delta.content === 'string' ? delta.content : '') + (typeof delta.refusal === 'string' ? delta.refusal : '');
  if (content.length > 0) {
    fragment.content = content;
  }
  if (typeof delta.reasoning_content === 'string' && delta.reasoning_content.length > 0) {
    fragment.reasoning = delta.reasoning_content;
  }
  if (delta.tool_calls !== undefined && delta.tool_calls.length > 0) {
    fragment.toolCalls = delta.tool_calls.map((call) => {
      const view: ToolCallDeltaView = { index: call.index };
      if (call.id !== undefined) {
        view.id = call.id;
      }
      if (call.function?.name !== undefined) {
        view.name = call.function.name;
      }
      if (call.function?.arguments !== undefined) {
        view.arguments = call.function.arguments;
      }
      return view;
    });
  }
  return fragment;
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function partialOf(error: unknown): ModelResponse | undefined {
  const partial = typeof error === 'object' && error !== null ? (error as { partial_response?: unknown }).partial_response : undefined;
  return typeof partial === 'object' && partial !== null && Array.isArray((partial as ModelResponse).choices) ? (partial as ModelResponse) : undefined;
}

/** The answer's cost; unknown prices (or a pricing failure) leave it absent rather than failing the answer. */
function costOf(request: AnswerRequest, response: ModelResponse): number | undefined {
  try {
    return request.completions.costOf(response, request.model);
  } catch (error) {
    request.log.debug(`No cost for ${request.model}: ${errorText(error)}`);
    return undefined;
  }
}

/** Streams the answer into `request.message`. Never throws: every outcome ends in the message's status. */
export async function streamAnswer(request: AnswerRequest): Promise<void> {
  const { message, signal, log } = request;
  const toolCalls = new ToolCallJoiner(message);
  let stream: CompletionStream | undefined;
  let usage: Usage | undefined;
  const apply = (fragment: AnswerFragment): void => {
    if (fragment.content !== undefined) {
      message.content += fragment.content;
    }
    if (fragment.reasoning !== undefined) {
      message.reasoning = (message.reasoning ?? '') + fragment.reasoning;
    }
    if (fragment.toolCalls !== undefined) {
      toolCalls.add(fragment.toolCalls);
    }
    request.onFragment(fragment);
  };
  try {
    stream = await request.completions.stream({ model: request.model, messages: request.messages, signal });
    for await (const chunk of stream) {
      if (chunk.usage) {
        usage = chunk.usage;
      }
      const fragment = fragmentOf(chunk);
      if (fragment !== undefined) {
        apply(fragment);
      }
    }
    message.status = signal.aborted ? 'stopped' : 'complete';
  } catch (error) {
    if (signal.aborted || isAbort(error)) {
      message.status = 'stopped';
    } else {
      // The chunks seen here are what the core kept; its partial answer only matters when none came through.
      const partial = partialOf(error)?.choices[0]?.message;
      if (message.content.length === 0 && typeof partial?.content === 'string') {
        message.content = partial.content;
      }
      if (message.reasoning === undefined && typeof partial?.reasoning_content === 'string' && partial.reasoning_content.length > 0) {
        message.reasoning = partial.reasoning_content;
      }
      message.status = 'error';
      message.error = userFacingError(error, request.localize);
      const name = typeof error === 'object' && error !== null ? String((error as { name?: unknown }).name) : 'Error';
      const text = errorText(error);
      log.error(`Answer from ${request.model} failed: ${name}: ${maskSecrets(text)}`);
    }
  }
  const response = stream?.response();
  const answered = usage ?? response?.usage;
  const view = usageView(answered, answered === undefined || response === undefined ? undefined : costOf(request, response));
  if (view !== undefined) {
    message.usage = view;
  }
  log.debug(`Answer from ${request.model}: ${message.status}, ${message.content.length} characters.`);
}
