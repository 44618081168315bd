/**
 * Where a long chat is cut (pure): a request that fits is sent whole; `drop` cuts just deep
 * enough, `summarize` deep enough that the turns kept use at most half of the room left beside the
 * instructions and the summary, `off` never cuts; a cut falls only before a question; the latest
 * turn always stays, and a turn too large for the window is refused with the numbers.
 */

import assert from 'node:assert/strict';
import { fitConversation, type FitInput, type FitMessage } from '../../src/shell/chat/contextFit';

/** `turns` question/answer pairs of `tokens` each, and the question being asked last. */
function chat(turns: number, tokens: number, question = tokens): FitMessage[] {
  const messages: FitMessage[] = [];
  for (let turn = 0; turn < turns; turn++) {
    messages.push({ role: 'user', tokens }, { role: 'assistant', tokens });
  }
  messages.push({ role: 'user', tokens: question });
  return messages;
}

function input(overrides: Partial<FitInput>): FitInput {
  return { messages: chat(10, 100), from: 0, instructions: 50, summary: 0, budget: 1_000, summaryAllowance: 150, mode: 'summarize', ...overrides };
}

describe('long chats: where the conversation is cut', () => {
  it('sends everything that fits, from the current cut', () => {
    assert.deepStrictEqual(fitConversation(input({ messages: chat(4, 100) })), { kind: 'send', from: 0 });
    // 21 messages of 100 from index 14: 7 messages = 700, with 50 of instructions and 200 of summary = 950.
    assert.deepStrictEqual(fitConversation(input({ from: 14, summary: 200 })), { kind: 'send', from: 14 });
  });

  it('drop: cuts before the first question whose turns fit beside the instructions', () => {
    const plan = fitConversation(input({ mode: 'drop' }));
    // Budget 1,000 − 50: at most 9 messages of 100, and message 12 is a question: 12 to 20 are kept.
    assert.deepStrictEqual(plan, { kind: 'drop', from: 12 });
  });

  it('summarize: condenses from the current cut up to where the turns kept use at most half the room', () => {
    const plan = fitConversation(input({}));
    // Room = 1,000 − 50 − 150 = 800; half = 400: the last 3 messages (two turns' worth from a question).
    assert.deepStrictEqual(plan, { kind: 'summarize', condenseFrom: 0, from: 18 });
    const again = fitConversation(input({ from: 18, summary: 150, messages: chat(16, 100) }));
    assert.deepStrictEqual(again, { kind: 'summarize', condenseFrom: 18, from: 30 }, 'the next summary starts where the last one ended');
  });

  it('off: sends everything and lets the provider refuse', () => {
    assert.deepStrictEqual(fitConversation(input({ mode: 'off', messages: chat(100, 100) })), { kind: 'send', from: 0 });
  });

  it('refuses a latest turn that cannot fit, with the numbers, in every mode that cuts', () => {
    const huge = chat(2, 100, 5_000);
    assert.deepStrictEqual(fitConversation(input({ messages: huge, mode: 'drop' })), { kind: 'tooLarge', tokens: 5_050, budget: 1_000 });
    assert.deepStrictEqual(fitConversation(input({ messages: huge })), { kind: 'tooLarge', tokens: 5_200, budget: 1_000 });
  });

  it('never cuts between a question and its answer, whatever the sizes', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const messages: FitMessage[] = [];
      let state = seed;
      const next = (): number => {
        state = (state * 48_271) % 2_147_483_647;
        return state;
      };
      const turns = 1 + (next() % 40);
      for (let turn = 0; turn < turns; turn++) {
        messages.push({ role: 'user', tokens: next() % 300 }, { role: 'assistant', tokens: next() % 300 });
      }
      messages.push({ role: 'user', tokens: next() % 300 });
      for (const mode of ['drop', 'summarize'] as const) {
        const plan = fitConversation(input({ messages, mode, budget: 1_500 }));
        if (plan.kind === 'tooLarge') {
          continue;
        }
        assert.equal(messages[plan.from]?.role, 'user', `seed ${seed} ${mode}: the cut falls before a question`);
        const kept = messages.slice(plan.from).reduce((sum, message) => sum + message.tokens, 0);
        const summary = plan.kind === 'summarize' ? 150 : 0;
        assert.ok(50 + summary + kept <= 1_500, `seed ${seed} ${mode}: what is sent fits (${50 + summary + kept})`);
      }
    }
  });
});
