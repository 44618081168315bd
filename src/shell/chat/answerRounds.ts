/**
 * The rounds of an answer that uses tools. While a round streams, the message's own `content`,
 * `reasoning`, `toolCalls` and `thinkingBlocks` are that round; once its calls have results, the
 * round moves into `rounds` and the message's own fields start empty for the next. The message's
 * `usage` is the sum over every round.
 */

import type { AnswerRoundView, ChatMessageView, UsageView } from '../../protocol/messages';
import { addedUsage } from './usage';

/** The usage of the rounds that finished before the current one. */
export function finishedRoundsUsage(message: ChatMessageView): UsageView | undefined {
  let sum: UsageView | undefined;
  for (const round of message.rounds ?? []) {
    if (round.usage !== undefined) {
      sum = addedUsage(sum, round.usage);
    }
  }
  return sum;
}

/** The usage of the current round: the message's total less the finished rounds'. */
function currentRoundUsage(message: ChatMessageView): UsageView | undefined {
  const total = message.usage;
  const before = finishedRoundsUsage(message);
  if (total === undefined || before === undefined) {
    return total;
  }
  const own: UsageView = {};
  for (const field of ['promptTokens', 'completionTokens', 'reasoningTokens', 'cachedTokens', 'cost'] as const) {
    const value = total[field];
    if (value !== undefined) {
      own[field] = Math.max(0, value - (before[field] ?? 0));
    }
  }
  return own;
}

/** Moves the current round (text, reasoning, calls with their results, signed reasoning) into `rounds`. */
export function closeRound(message: ChatMessageView): void {
  const round: AnswerRoundView = { content: message.content, toolCalls: message.toolCalls ?? [] };
  if (message.reasoning !== undefined && message.reasoning.length > 0) {
    round.reasoning = message.reasoning;
  }
  if (message.thinkingBlocks !== undefined && message.thinkingBlocks.length > 0) {
    round.thinkingBlocks = message.thinkingBlocks;
  }
  const usage = currentRoundUsage(message);
  if (usage !== undefined) {
    round.usage = usage;
  }
  message.rounds = [...(message.rounds ?? []), round];
  message.content = '';
  delete message.reasoning;
  delete message.toolCalls;
  delete message.thinkingBlocks;
}

/** True when the message's current round asked for tool calls. */
export function hasPendingCalls(message: ChatMessageView): boolean {
  return (message.toolCalls?.length ?? 0) > 0;
}
