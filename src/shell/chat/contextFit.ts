/**
 * Whether the next request fits the model's window, and if not, where the conversation is cut
 * (pure: token counts in, a plan out). A cut falls only before a question, so what is sent starts
 * with a user turn; the instructions and the latest turn are always sent. `summarize` cuts deep
 * enough that the turns kept use at most half of what is left after the instructions and the
 * summary's allowance, so a summary is made once per overflow and the next turns fit beside it;
 * `drop` cuts just deep enough; `off` sends everything and lets the provider say no.
 */

import type { LongChatMode } from '../chatSettings';

export interface FitMessage {
  role: 'user' | 'assistant';
  /** Its tokens in the request (0 for a message the request leaves out, such as an empty answer). */
  tokens: number;
}

export interface FitInput {
  /** The conversation's messages, oldest first, the question being answered last. */
  messages: readonly FitMessage[];
  /** The first message sent in full since the last compaction (0 when none). */
  from: number;
  /** Tokens of the instructions (the system message without a summary) and the request's fixed overhead. */
  instructions: number;
  /** Tokens of the current summary (0 when none). */
  summary: number;
  /** The window minus the reserve for the answer. */
  budget: number;
  /** Tokens a new summary may take (its `max_tokens`). */
  summaryAllowance: number;
  mode: LongChatMode;
}

export type FitPlan =
  /** Send messages from `from` (with the current summary, if any). */
  | { kind: 'send'; from: number }
  /** Condense messages `[condenseFrom, from)` (with the current summary) into a new summary, then send from `from`. */
  | { kind: 'summarize'; condenseFrom: number; from: number }
  /** Leave messages before `from` out. */
  | { kind: 'drop'; from: number }
  /** Even the latest turn alone does not fit: `tokens` needed, `budget` available. */
  | { kind: 'tooLarge'; tokens: number; budget: number };

function sumFrom(messages: readonly FitMessage[], from: number): number {
  let sum = 0;
  for (let index = from; index < messages.length; index++) {
    sum += messages[index]?.tokens ?? 0;
  }
  return sum;
}

/** Indexes of the user messages at or after `from`: where a cut may fall. */
function cutPoints(messages: readonly FitMessage[], from: number): number[] {
  const points: number[] = [];
  for (let index = from; index < messages.length; index++) {
    if (messages[index]?.role === 'user') {
      points.push(index);
    }
  }
  return points;
}

/** The first cut point whose suffix is at most `limit` tokens, or undefined when not even the last one is. */
function shallowestCut(messages: readonly FitMessage[], points: readonly number[], limit: number): number | undefined {
  // Suffix sums from the end: one pass, whatever the chat's length.
  let suffix = 0;
  let next = messages.length;
  let best: number | undefined;
  for (let position = points.length - 1; position >= 0; position--) {
    const point = points[position] as number;
    for (let index = point; index < next; index++) {
      suffix += messages[index]?.tokens ?? 0;
    }
    next = point;
    if (suffix > limit) {
      break;
    }
    best = point;
  }
  return best;
}

export function fitConversation(input: FitInput): FitPlan {
  const { messages, from, instructions, summary, budget, mode } = input;
  const sent = sumFrom(messages, from);
  if (mode === 'off' || instructions + summary + sent <= budget) {
    return { kind: 'send', from };
  }
  const points = cutPoints(messages, from);
  const last = points.at(-1);
  const latestTurn = last === undefined ? sent : sumFrom(messages, last);
  if (mode === 'drop') {
    const cut = shallowestCut(messages, points, budget - instructions - summary);
    return cut === undefined ? { kind: 'tooLarge', tokens: instructions + summary + latestTurn, budget } : { kind: 'drop', from: cut };
  }
  const room = budget - instructions - input.summaryAllowance;
  if (last === undefined || latestTurn > room) {
    return { kind: 'tooLarge', tokens: instructions + input.summaryAllowance + latestTurn, budget };
  }
  // Half the room for the turns kept, the other half for the turns to come; never past the latest turn.
  let cut = shallowestCut(messages, points, Math.floor(room / 2)) ?? last;
  if (cut <= from) {
    // Only an oversized summary can make the turns since the last one not fit: condense at least one more turn.
    cut = points.find((point) => point > from) ?? from;
  }
  return cut <= from ? { kind: 'tooLarge', tokens: instructions + summary + sent, budget } : { kind: 'summarize', condenseFrom: from, from: cut };
}
