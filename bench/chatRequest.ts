/**
 * The chat's request building (`npm run bench`, section "chat"): the time to plan the request for
 * a 1,000-turn chat whose last question carries 20 attachments — counted from nothing (the
 * tokenizer loaded), then again one turn later (what each question pays), with a window it fits
 * and with a window that makes it cut; and how far the token estimate is from the prompt tokens
 * providers reported for the recorded fixtures' requests (test/fixtures). Figures, not assertions.
 *
 *   node scripts/build-tests.mjs bench && node out/bench/chatRequest.js [--turns=N] [--attachments=N] [--runs=N]
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Message } from '../src/core';
import type { Attachment, ChatMessageView } from '../src/protocol/messages';
import { ChatInstructions } from '../src/shell/chat/chatInstructions';
import type { ChatCompletions, Conversation, ModelChoice } from '../src/shell/chat/ports';
import { RequestPlanner } from '../src/shell/chat/requestPlanner';
import { TokenEstimator } from '../src/shell/chat/tokenEstimate';
import { defaultChatSettings, type ChatSettings, type LongChatMode } from '../src/shell/chatSettings';
import { TokenCounter } from '../src/shell/lm/tokenCount';
import type { ModelFacts } from '../src/shell/modelLimits';
import { seededRandom, type SeededRandom } from '../test/helpers/seededRandom';
import { median } from './lib/stats';

const vocabulary = ['the', 'function', 'returns', 'value', 'array', 'server', 'request', 'deploy', 'error', 'test', 'config', 'module', 'type', 'string', 'cache', 'stream', 'token', 'window', 'retry', 'proxy'];

function words(random: SeededRandom, count: number): string {
  const out: string[] = [];
  for (let index = 0; index < count; index++) {
    out.push(random.pick(vocabulary));
  }
  return out.join(' ');
}

function source(random: SeededRandom, lines: number): string {
  const out: string[] = [];
  for (let line = 0; line < lines; line++) {
    out.push(`export function ${random.pick(vocabulary)}${line}(${random.pick(vocabulary)}: string): number { return ${line} * ${random.integer(100)}; }`);
  }
  return out.join('\n');
}

function chatOf(turns: number, attachments: number): Conversation {
  const random = seededRandom(20_261_206);
  const messages: ChatMessageView[] = [];
  for (let turn = 0; turn < turns; turn++) {
    messages.push({ id: `q${turn}`, role: 'user', content: words(random, 20 + random.integer(40)), status: 'complete', createdAt: turn });
    messages.push({ id: `a${turn}`, role: 'assistant', content: words(random, 100 + random.integer(200)), status: 'complete', createdAt: turn });
  }
  const attached: Attachment[] = [];
  for (let index = 0; index < attachments; index++) {
    attached.push({ kind: 'file', name: `src/module${index}.ts`, languageId: 'typescript', text: source(random, 40) });
  }
  messages.push({ id: `q${turns}`, role: 'user', content: 'What do these files have in common?', attachments: attached, status: 'complete', createdAt: turns });
  return { version: 1, id: 'bench', title: 'bench', createdAt: 0, updatedAt: 0, model: 'bench/model', messages };
}

/** Summaries are not asked for here: a client that would be called is a failure of the bench. */
const noClient: ChatCompletions = {
  stream: () => Promise.reject(new Error('the bench plans without sending')),
};

function planner(estimator: TokenEstimator, window: number, mode: LongChatMode): RequestPlanner {
  const facts: ModelFacts = { window, windowKnown: true, maxOutputTokens: 8_192, supportsReasoning: false };
  const models: ModelChoice = { current: () => 'bench/model', select: async () => undefined, options: () => [], supportsVision: () => false, facts: () => facts };
  const settings: ChatSettings = { ...defaultChatSettings, longChats: mode, instructions: 'Answer briefly and cite the files you use.' };
  return new RequestPlanner({ client: noClient, models, estimator, instructions: new ChatInstructions(undefined, () => settings, estimator), settings: () => settings, newId: () => 'id', now: () => 0 });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function ms(value: number): string {
  return `${value.toFixed(1)} ms`;
}

async function planning(turns: number, attachments: number, runs: number): Promise<void> {
  const conversation = chatOf(turns, attachments);
  const characters = conversation.messages.reduce((sum, message) => sum + message.content.length + (message.attachments ?? []).reduce((inner, attachment) => inner + (attachment.text?.length ?? 0), 0), 0);
  console.log(`── Request building (bench/chatRequest.ts): ${turns.toLocaleString('en-US')} turns, ${attachments} attachments on the last question, ${(characters / 1e6).toFixed(2)} M characters`);
  const counter = new TokenCounter();
  const load = await timed(() => counter.count('warm up'));
  console.log(`  tokenizer load (o200k, once per window)      ${ms(load)}`);
  for (const { window, mode, label } of [
    { window: 1_048_576, mode: 'summarize' as const, label: 'fits a 1M window' },
    { window: 200_000, mode: 'drop' as const, label: 'cut to a 200k window (drop)' },
  ]) {
    const cold: number[] = [];
    const warm: number[] = [];
    let sent = 0;
    for (let run = 0; run < runs; run++) {
      const estimator = new TokenEstimator(counter);
      const plans = planner(estimator, window, mode);
      const copy = structuredClone(conversation);
      cold.push(await timed(async () => {
        const outcome = await plans.plan(copy, 'bench/model', new AbortController().signal);
        sent = outcome.ok ? outcome.request.messages.length : 0;
      }));
      // One more turn: what the next question costs once the chat was counted.
      copy.messages.push({ id: 'extra-a', role: 'assistant', content: 'One more answer.', status: 'complete', createdAt: 0 }, { id: 'extra-q', role: 'user', content: 'And one more question?', status: 'complete', createdAt: 0 });
      warm.push(await timed(() => plans.plan(copy, 'bench/model', new AbortController().signal)));
    }
    console.log(`  ${label.padEnd(44)} first ${ms(median(cold))}, next question ${ms(median(warm))} (median of ${runs}; ${sent.toLocaleString('en-US')} messages sent)`);
  }
}

interface RecordedPrompt {
  fixture: string;
  messages: Message[];
  reported: number;
}

function textOf(content: unknown): string {
  if (typeof content === 'string') {
    return content;
  }
  if (Array.isArray(content)) {
    return content.map((part: { text?: unknown }) => (typeof part.text === 'string' ? part.text : '')).join('');
  }
  return '';
}

/** The fixtures whose recording kept the whole prompt (messages, or Gemini's contents) and whose answer reported prompt tokens. */
function recordedPrompts(): RecordedPrompt[] {
  const root = join(process.cwd(), 'test', 'fixtures');
  const prompts: RecordedPrompt[] = [];
  for (const provider of readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const file of readdirSync(join(root, provider.name)).filter((name) => name.endsWith('.json'))) {
      const meta = JSON.parse(readFileSync(join(root, provider.name, file), 'utf8')) as { request_hint?: Record<string, unknown>; expected?: { usage?: Record<string, unknown> } };
      const hint = meta.request_hint ?? {};
      const usage = meta.expected?.usage ?? {};
      const reported = usage['prompt_tokens'] ?? usage['input_tokens'];
      if (typeof reported !== 'number' || hint['tools'] !== undefined || hint['response_format'] !== undefined) {
        continue;
      }
      const messages: Message[] = [];
      if (typeof hint['system'] === 'string') {
        messages.push({ role: 'system', content: hint['system'] });
      }
      const instruction = hint['systemInstruction'] as { parts?: unknown } | undefined;
      if (instruction !== undefined) {
        messages.push({ role: 'system', content: textOf(instruction.parts) });
      }
      const turns = Array.isArray(hint['messages']) ? (hint['messages'] as { role: string; content: unknown }[]) : Array.isArray(hint['contents']) ? (hint['contents'] as { role?: string; parts: unknown }[]).map((turn) => ({ role: turn.role === 'model' ? 'assistant' : 'user', content: turn.parts })) : undefined;
      if (turns === undefined) {
        continue;
      }
      for (const turn of turns) {
        messages.push({ role: turn.role === 'assistant' ? 'assistant' : turn.role === 'system' ? 'system' : 'user', content: textOf(turn.content) });
      }
      prompts.push({ fixture: `${provider.name}/${file.replace(/\.json$/, '')}`, messages, reported });
    }
  }
  return prompts;
}

async function estimateError(): Promise<void> {
  console.log('── Token estimate against the prompt tokens providers reported (recorded fixtures with their whole prompt)');
  const estimator = new TokenEstimator(new TokenCounter());
  const errors: number[] = [];
  for (const prompt of recordedPrompts()) {
    const estimate = TokenEstimator.total(await estimator.each(prompt.messages));
    const error = (estimate - prompt.reported) / prompt.reported;
    errors.push(Math.abs(error));
    console.log(`  ${prompt.fixture.padEnd(52)} estimated ${String(estimate).padStart(4)}, reported ${String(prompt.reported).padStart(4)} (${error >= 0 ? '+' : ''}${(error * 100).toFixed(0)}%)`);
  }
  console.log(`  median absolute error ${(median(errors) * 100).toFixed(0)}% over ${errors.length} prompts (tiny prompts: each provider's fixed overhead dominates; the chat corrects upwards from the reported count after each answer)`);
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`--${name} takes a positive integer, not ${value}.`);
  }
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { turns: { type: 'string' }, attachments: { type: 'string' }, runs: { type: 'string' } } });
  await planning(positive(values.turns, 1_000, 'turns'), positive(values.attachments, 20, 'attachments'), positive(values.runs, 5, 'runs'));
  console.log('');
  await estimateError();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
