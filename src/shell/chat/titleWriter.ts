/**
 * A conversation's title written by the model: one small request after the first answer, with the
 * question and the answer cut short, a cap of a few tokens and no reasoning asked for, so it costs
 * a fraction of the answer. Its usage and cost come back with the title, to be counted.
 */

import { isAbortError, type Message } from '../../core';
import type { UsageView } from '../../protocol/messages';
import { errorText } from '../errorText';
import type { ChatCompletions, ChatLog, ChatUsageLog } from './ports';
import { titleFromModel } from './titles';
import { usageView } from './usage';
import { maskSecrets } from './userErrors';

/** Tokens a title may take: 3 to 7 words in any language, with room for a model that adds quotes. */
export const titleMaxTokens = 30;

/** Characters of the question and of the answer the title request carries: enough to know the subject. */
export const titleExcerptLength = 2_000;

export interface TitleRequest {
  client: ChatCompletions;
  /** The model that answered (`provider/model`): it knows the conversation's language as well as any. */
  model: string;
  question: string;
  answer: string;
  signal: AbortSignal;
  log: ChatLog;
  /** Where the request's usage is counted by day and model. */
  usage?: ChatUsageLog;
}

/** What the request brought: a title (absent when the model wrote nothing usable) and what it cost. */
export interface WrittenTitle {
  title?: string;
  usage?: UsageView;
}

function excerpt(text: string): string {
  if (text.length <= titleExcerptLength) {
    return text;
  }
  const code = text.charCodeAt(titleExcerptLength - 1);
  // Never half a surrogate pair: some providers refuse a body that is not valid UTF-16.
  return `${text.slice(0, code >= 0xd800 && code <= 0xdbff ? titleExcerptLength - 1 : titleExcerptLength)}…`;
}

/** The one message of a title request: what to write, then the exchange (a single user message: every provider and VS Code's models take it). */
export function titleMessages(question: string, answer: string): Message[] {
  const content = [
    'Write a title for the conversation below: 3 to 7 words naming its subject, in the language the user wrote in.',
    'Reply with the title alone: no quotes, no Markdown, no final period.',
    '',
    '<question>',
    excerpt(question.trim()),
    '</question>',
    '',
    '<answer>',
    excerpt(answer.trim()),
    '</answer>',
  ].join('\n');
  return [{ role: 'user', content }];
}

/**
 * Asks the model for a title. Undefined when the request failed or was cancelled (logged, never
 * thrown): the conversation keeps the title it has.
 */
export async function writeTitle(request: TitleRequest): Promise<WrittenTitle | undefined> {
  const { client, model, signal, log } = request;
  try {
    const stream = await client.stream({ model, messages: titleMessages(request.question, request.answer), signal, params: { max_tokens: titleMaxTokens } });
    for await (const _chunk of stream) {
      // The stream's response() accumulates; the title is read whole at the end.
    }
    const response = stream.response();
    const written: WrittenTitle = {};
    const title = titleFromModel(response.choices[0]?.message.content ?? '');
    if (title.length > 0) {
      written.title = title;
    } else {
      log.info(`Chat: ${model} wrote no usable title; the first question's line stays.`);
    }
    const usage = usageView(response.usage, response._hidden_params?.response_cost);
    if (usage !== undefined) {
      written.usage = usage;
    }
    request.usage?.record(model, usage);
    return written;
  } catch (error) {
    if (signal.aborted || isAbortError(error)) {
      log.debug(`Chat: the title request to ${model} was cancelled.`);
    } else {
      log.warn(`Chat: the title request to ${model} failed: ${maskSecrets(errorText(error))}`);
    }
    return undefined;
  }
}
