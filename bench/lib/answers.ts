/**
 * The answers the bench server streams, rendered once up front: the same words on every wire, in
 * each wire's own framing. The shapes follow what the providers send (see the recorded fixtures in
 * test/fixtures/openai/ and test/fixtures/anthropic/, e.g. messages_stream_text_with_ping.body;
 * answersResponses.ts, answersBedrock.ts, answersGemini.ts and answersOllama.ts for the other wires).
 */

import { renderBedrockAnswer } from './answersBedrock';
import { renderGeminiAnswer } from './answersGemini';
import { renderOllamaAnswer } from './answersOllama';
import { renderResponsesAnswer } from './answersResponses';
import { dataEvent, namedEvent } from './sseEvents';
import type { WireName } from './wires';
import { promptTokens, word } from './words';

/** An OpenAI chat completion stream: content chunks, the finish chunk, the usage chunk, `[DONE]`. */
function renderOpenaiAnswer(contentChunks: number): string {
  const parts: string[] = [];
  const base = { id: 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG', object: 'chat.completion.chunk', created: 1_741_569_952, model: 'gpt-4o-mini-2024-07-18' };
  for (let index = 0; index < contentChunks; index++) {
    parts.push(dataEvent({ ...base, choices: [{ index: 0, delta: { content: word(index) }, finish_reason: null }] }));
  }
  parts.push(dataEvent({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  const usage = { prompt_tokens: promptTokens, completion_tokens: contentChunks, total_tokens: promptTokens + contentChunks };
  parts.push(dataEvent({ ...base, choices: [], usage }));
  parts.push('data: [DONE]\n\n');
  return parts.join('');
}

/**
 * An Anthropic Messages stream of one text block: message_start, content_block_start, the
 * text_deltas, content_block_stop, message_delta (end_turn, cumulative output tokens),
 * message_stop. No ping: the clients that hand out raw events would disagree on counting it.
 */
function renderAnthropicAnswer(contentChunks: number): string {
  const parts: string[] = [];
  const message = {
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    type: 'message',
    role: 'assistant',
    content: [],
    model: 'claude-sonnet-4-6',
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: promptTokens, output_tokens: 1 },
  };
  parts.push(namedEvent({ type: 'message_start', message }));
  parts.push(namedEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
  for (let index = 0; index < contentChunks; index++) {
    parts.push(namedEvent({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: word(index) } }));
  }
  parts.push(namedEvent({ type: 'content_block_stop', index: 0 }));
  parts.push(namedEvent({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: contentChunks } }));
  parts.push(namedEvent({ type: 'message_stop' }));
  return parts.join('');
}

export function renderAnswer(wire: WireName, contentChunks: number): Buffer {
  switch (wire) {
    case 'anthropic':
      return Buffer.from(renderAnthropicAnswer(contentChunks), 'utf8');
    case 'responses':
      return Buffer.from(renderResponsesAnswer(contentChunks), 'utf8');
    case 'bedrock':
      return renderBedrockAnswer(contentChunks);
    case 'gemini':
      return Buffer.from(renderGeminiAnswer(contentChunks), 'utf8');
    case 'ollama':
      return Buffer.from(renderOllamaAnswer(contentChunks), 'utf8');
    case 'openai':
      return Buffer.from(renderOpenaiAnswer(contentChunks), 'utf8');
  }
}
