/** A long conversation for the long-chat test and the benchmark: answers with prose, lists and code. */

import type { ChatMessageView } from '../../src/protocol/messages';
import { assistantMessage, userMessage } from './fixtures';

function answer(index: number): string {
  return [
    `Answer ${index}: here is **what** to do, with a [link](https://example.com/${index}).`,
    '',
    `- first, check \`value${index}\``,
    '- then run the code',
    '',
    '```ts',
    `export function step${index}(input: number): number {`,
    `  return input * ${index} + 1;`,
    '}',
    '```',
    '',
    'That is all.',
  ].join('\n');
}

/** `count` messages, alternating user and assistant, each answer with usage and cost. */
export function longConversation(count: number): ChatMessageView[] {
  return Array.from({ length: count }, (_, index) =>
    index % 2 === 0
      ? userMessage(`u${index}`, `Question ${index}: how do I do step ${index}?`)
      : assistantMessage(`a${index}`, answer(index), { usage: { promptTokens: 100 + index, completionTokens: 60, cost: 0.0003 } }),
  );
}
