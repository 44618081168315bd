/**
 * The summary of earlier turns a long chat keeps: one request to the chat's own model, asking it
 * to fold the turns being cut (and the summary before them, if any) into one summary. The request
 * itself must fit the window: when the turns are too long for it, each message keeps its share
 * of the room from its start, marked as shortened — the summary covers every turn, coarsely where
 * it must, rather than leaving the oldest out.
 */

import type { ChatMessageView, UsageView } from '../../protocol/messages';
import type { ChatCompletions, ChatRequestParams } from './ports';
import type { TokenEstimator } from './tokenEstimate';
import { usageView } from './usage';

export interface SummaryInput {
  model: string;
  /** The summary made before, which the new one replaces. */
  previous: string | undefined;
  /** The messages to fold in, oldest first. */
  messages: readonly ChatMessageView[];
  /** The model's window. */
  window: number;
  /** The summary's `max_tokens`. */
  allowance: number;
  params: ChatRequestParams;
  signal: AbortSignal;
}

export interface Summary {
  text: string;
  usage?: UsageView;
}

const instructions = [
  'You condense a conversation between a user and an AI assistant so that it can continue without the original messages.',
  'Write a summary in the language of the conversation: what the user wants, the facts, decisions and results so far,',
  'code identifiers, file names and commands that matter, and open questions. Use short Markdown bullet points.',
  'Do not address the user and do not add anything that was not said.',
].join(' ');

/** Room for the prompt's own words and the messages' overhead. */
const promptOverhead = 300;

/** The tools an answer called, by name (their results are left to the answer's own words). */
function toolsUsed(message: ChatMessageView): string[] {
  const calls = [...(message.rounds ?? []).flatMap((round) => round.toolCalls), ...(message.toolCalls ?? [])];
  return [...new Set(calls.map((call) => call.toolName ?? call.name))];
}

function transcriptLine(message: ChatMessageView, limit: number): string {
  const speaker = message.role === 'user' ? 'User' : 'Assistant';
  const names = (message.attachments ?? []).map((attachment) => attachment.name);
  const tools = toolsUsed(message);
  const attached = (names.length > 0 ? ` (attached: ${names.join(', ')})` : '') + (tools.length > 0 ? ` (used the tools ${tools.join(', ')})` : '');
  const text = message.content.length > limit ? `${message.content.slice(0, limit)} […shortened]` : message.content;
  return `${speaker}${attached}: ${text}`;
}

function transcript(previous: string | undefined, messages: readonly ChatMessageView[], limit: number): string {
  const lines = messages.filter((message) => message.content.trim().length > 0 || (message.attachments ?? []).length > 0).map((message) => transcriptLine(message, limit));
  const earlier = previous === undefined ? '' : `Summary of the conversation before these messages:\n${previous}\n\n`;
  return `${earlier}Messages to fold into the summary:\n\n${lines.join('\n\n')}\n\nWrite the updated summary of the whole conversation so far.`;
}

/** The transcript, with each message shortened as far as the request needs to fit. */
async function fittingTranscript(input: SummaryInput, estimator: TokenEstimator): Promise<string> {
  const room = Math.max(256, input.window - input.allowance - promptOverhead);
  let limit = Math.max(...input.messages.map((message) => message.content.length), 0);
  for (let attempt = 0; attempt < 6; attempt++) {
    const text = transcript(input.previous, input.messages, limit);
    const tokens = await estimator.text(text);
    if (tokens <= room) {
      return text;
    }
    // Shrink every long message in proportion to the excess, and a little more to converge.
    limit = Math.max(40, Math.floor((limit * room) / tokens) - 20);
  }
  return transcript(input.previous, input.messages, limit);
}

/** Writes the summary; rejects when the request fails or the model answers nothing. */
export async function writeSummary(client: ChatCompletions, estimator: TokenEstimator, input: SummaryInput): Promise<Summary> {
  const content = await fittingTranscript(input, estimator);
  const stream = await client.stream({
    model: input.model,
    messages: [
      { role: 'system', content: instructions },
      { role: 'user', content },
    ],
    signal: input.signal,
    params: { ...input.params, max_tokens: input.allowance },
  });
  for await (const _chunk of stream) {
    // The answer accumulates in the stream; nothing is shown while it is written.
  }
  const response = stream.response();
  const text = (response.choices[0]?.message.content ?? '').trim();
  if (text.length === 0) {
    throw new Error('the model wrote an empty summary');
  }
  const usage = usageView(response.usage, response._hidden_params?.response_cost);
  return usage === undefined ? { text } : { text, usage };
}
