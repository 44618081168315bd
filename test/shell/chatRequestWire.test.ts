/**
 * What the chat's request carries, asserted on the wire: loopback servers answer with recorded
 * responses, and the request that reached them is checked. The system message from the setting
 * and the workspace's instruction files (their order, `applyTo`, a file switched off), Model
 * Settings mapped per provider (OpenAI `reasoning_effort`, Anthropic `thinking.budget_tokens`,
 * Gemini `thinkingConfig`) over `switchboard.modelDefaults`, Claude's and Gemini's thinking in the
 * answer, and Anthropic's cache breakpoints with cached tokens priced as cached.
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getModelInfo, type Message } from '../../src/core';
import type { Attachment, ChatSnapshot } from '../../src/protocol/messages';
import type { ModelSettings } from '../../src/protocol/requestViews';
import { defaultChatSettings, type ChatSettings } from '../../src/shell/chatSettings';
import { WorkspaceInstructions } from '../../src/shell/instructions/workspaceInstructions';
import { coreCompletions, useChatRigs, type ChatRig } from '../helpers/chatHarness';
import { loadFixture } from '../helpers/fixtures';
import { DiskFiles, writeTree } from '../helpers/instructionDisk';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, Responder, WireServer } from '../helpers/wireServer';
import { ManualClock } from './chat/diskRig';

const apiKey = 'sk-test-chat-request-0123456789abcdef';
const openaiText = loadFixture('openai/chat_stream_text_usage');
const anthropicThinking = loadFixture('anthropic/messages_stream_extended_thinking');
const geminiThinking = loadFixture('gemini/stream_generate_content_thinking');

/**
 * A recorded Anthropic stream whose `message_start` carries the usage of a recorded cache read
 * (both from test/fixtures/anthropic): what a follow-up answered from the cache reports.
 */
function anthropicCachedStream(): { body: Buffer; usage: { input_tokens: number; cache_read_input_tokens: number } } {
  const cached = JSON.parse(loadFixture('anthropic/messages_nonstream_cache_read').body.toString('utf8')) as { model: string; usage: { input_tokens: number; cache_read_input_tokens: number; cache_creation_input_tokens: number } };
  const text = loadFixture('anthropic/messages_stream_text_with_ping').body.toString('utf8');
  const start = '"usage":{"input_tokens":11,"output_tokens":1}';
  assert.ok(text.includes(start) && text.includes('"model":"claude-opus-4-8"'));
  const usage = { input_tokens: cached.usage.input_tokens, cache_creation_input_tokens: cached.usage.cache_creation_input_tokens, cache_read_input_tokens: cached.usage.cache_read_input_tokens, output_tokens: 1 };
  const body = text.replace(start, `"usage":${JSON.stringify(usage)}`).replace('"model":"claude-opus-4-8"', `"model":"${cached.model}"`);
  return { body: Buffer.from(body), usage: cached.usage };
}

describe('chat requests on the wire: instructions, Model Settings, thinking and prompt caching', () => {
  const rigs = useChatRigs();
  const wire = useHarness();
  const folders: string[] = [];
  afterEach(async () => {
    for (const folder of folders.splice(0)) {
      await rm(folder, { recursive: true, force: true });
    }
  });

  interface Setup {
    rig: ChatRig;
    server: WireServer;
    settings: { value: ChatSettings };
  }

  async function setup(model: string, respond: Responder, options: { files?: Record<string, string>; settings?: Partial<ChatSettings> } = {}): Promise<Setup> {
    const server = await wire.server(respond);
    const provider = model.slice(0, model.indexOf('/'));
    const client = rigs.client({
      getApiKey: (asked) => (asked === provider ? apiKey : undefined),
      providerSettings: (asked) => (asked === provider ? { apiBase: provider === 'openai' ? `${server.url}/v1` : server.url } : undefined),
    });
    const settings = { value: { ...defaultChatSettings, titles: 'firstLine' as const, ...options.settings } };
    let instructions: WorkspaceInstructions<string> | undefined;
    if (options.files !== undefined) {
      const root = await mkdtemp(join(tmpdir(), 'switchboard-workspace-'));
      folders.push(root);
      await writeTree(root, options.files);
      instructions = new WorkspaceInstructions<string>({
        files: new DiskFiles(),
        folders: () => [{ name: 'app', root }],
        enabled: () => settings.value.useInstructionFiles,
        openFile: async () => undefined,
        log: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined },
        scheduleAfter: new ManualClock().schedule,
      });
    }
    const rig = await rigs.rig({ client: coreCompletions(client), model, settings: () => settings.value, ...(instructions === undefined ? {} : { instructions }) });
    await rig.open();
    return { rig, server, settings };
  }

  async function ask(rig: ChatRig, text: string, attachments: Attachment[] = []): Promise<void> {
    await rig.receive({ type: 'chat/send', requestId: `r-${text.length}-${Date.now()}`, text, attachments });
    await rig.controller.idle();
  }

  const body = (request: RecordedRequest | undefined): Record<string, unknown> => request?.json as Record<string, unknown>;
  const messagesOf = (request: RecordedRequest | undefined): Message[] => body(request)['messages'] as Message[];

  it('sends the setting and the instruction files as the system message, in a stable order, applyTo matched, a switched-off file left out', async () => {
    const files = {
      'AGENTS.md': 'Use npm, not yarn.',
      'src/AGENTS.md': 'Source files use 2 spaces.',
      '.github/copilot-instructions.md': 'Prefer small functions.',
      '.github/instructions/ts.instructions.md': '---\napplyTo: "**/*.ts"\n---\nTypeScript: no any.',
      '.github/instructions/py.instructions.md': '---\napplyTo: "**/*.py"\n---\nPython: type hints.',
      'CLAUDE.md': 'Claude-specific notes.',
    };
    const { rig, server } = await setup('openai/gpt-4o-mini', () => openaiText.reply({ seed: 5, pieces: 9 }), { files, settings: { instructions: 'Answer in English.' } });
    const snapshot = rig.sink.of('state/snapshot')[0]?.snapshot as ChatSnapshot;
    assert.deepStrictEqual(
      snapshot.instructions.files.map((file) => [file.path, file.enabled]),
      [
        ['AGENTS.md', true],
        ['.github/copilot-instructions.md', true],
        ['CLAUDE.md', true],
      ],
      'before a file is attached, only the files that always apply',
    );
    const attachment: Attachment = { kind: 'file', name: 'src/app.ts', languageId: 'typescript', text: 'export const a = 1;\n' };
    // Attaching the file to the draft brings the files that apply to it into the list at once.
    await rig.receive({ type: 'draft/update', draft: { attachments: [attachment] } });
    assert.deepStrictEqual(rig.sink.of('instructions/list').at(-1)?.instructions.files.map((file) => file.path), [
      'AGENTS.md',
      'src/AGENTS.md',
      '.github/copilot-instructions.md',
      '.github/instructions/ts.instructions.md',
      'CLAUDE.md',
    ]);
    await ask(rig, 'Review this', [attachment]);
    const expectedSystem = [
      'Answer in English.',
      'Instructions from AGENTS.md:\n\nUse npm, not yarn.',
      'Instructions from src/AGENTS.md:\n\nSource files use 2 spaces.',
      'Instructions from .github/copilot-instructions.md:\n\nPrefer small functions.',
      'Instructions from .github/instructions/ts.instructions.md:\n\nTypeScript: no any.',
      'Instructions from CLAUDE.md:\n\nClaude-specific notes.',
    ].join('\n\n');
    const first = messagesOf(server.requests[0]);
    assert.deepStrictEqual(first[0], { role: 'system', content: expectedSystem });
    assert.equal(first.length, 2);

    // The list the view shows follows the attached file; CLAUDE.md is switched off for this conversation.
    await rig.controller.next.refresh();
    await rig.receive({ type: 'instructions/toggle', path: 'CLAUDE.md', enabled: false });
    await ask(rig, 'And now?');
    const second = messagesOf(server.requests[1]);
    assert.deepStrictEqual(second[0], { role: 'system', content: expectedSystem.replace('\n\nInstructions from CLAUDE.md:\n\nClaude-specific notes.', '') });
    const listed = rig.sink.of('instructions/list').at(-1)?.instructions;
    assert.deepStrictEqual(listed?.files.find((file) => file.path === 'CLAUDE.md')?.enabled, false);
    assert.ok(listed.settingTokens !== undefined && listed.settingTokens > 0);
    // A path the chat did not list is refused: nothing changes.
    await rig.receive({ type: 'instructions/toggle', path: 'secret/AGENTS.md', enabled: false });
    assert.deepStrictEqual((await rig.controller.conversation())?.disabledInstructions, ['CLAUDE.md']);
  });

  it('switchboard.chat.useInstructionFiles off: only the setting is sent', async () => {
    const { rig, server } = await setup('openai/gpt-4o-mini', () => openaiText.reply('whole'), { files: { 'AGENTS.md': 'Use npm.' }, settings: { instructions: 'Be brief.', useInstructionFiles: false } });
    await ask(rig, 'Hi');
    assert.deepStrictEqual(messagesOf(server.requests[0])[0], { role: 'system', content: 'Be brief.' });
    const snapshot = rig.sink.of('state/snapshot')[0]?.snapshot as ChatSnapshot;
    assert.deepStrictEqual({ filesEnabled: snapshot.instructions.filesEnabled, files: snapshot.instructions.files }, { filesEnabled: false, files: [] });
  });

  it('OpenAI: the chat Model Settings over the model defaults, reasoning_effort for a model that reasons', async () => {
    const { rig, server } = await setup('openai/o3-mini', () => openaiText.reply({ seed: 2, pieces: 7 }), { settings: { modelDefaults: { 'openai/*': { temperature: 0.7, maxTokens: 900 } } } });
    await ask(rig, 'Defaults only');
    assert.deepStrictEqual(
      { temperature: body(server.requests[0])['temperature'], max: body(server.requests[0])['max_completion_tokens'], effort: body(server.requests[0])['reasoning_effort'] },
      { temperature: 0.7, max: 900, effort: undefined },
    );
    const chosen: ModelSettings = { reasoning: 'high', temperature: 0.2 };
    await rig.receive({ type: 'modelSettings/set', settings: chosen });
    const view = rig.sink.of('modelSettings/set').at(-1)?.modelSettings;
    assert.deepStrictEqual(view, { chosen, effective: { temperature: 0.2, maxTokens: 900, reasoning: 'high' }, reasoningSupported: true, maxOutputTokens: 100_000 });
    await ask(rig, 'Think hard');
    assert.deepStrictEqual(
      { temperature: body(server.requests[1])['temperature'], max: body(server.requests[1])['max_completion_tokens'], effort: body(server.requests[1])['reasoning_effort'] },
      { temperature: 0.2, max: 900, effort: 'high' },
    );
    // The choice is kept with the conversation.
    assert.deepStrictEqual((await rig.controller.conversation())?.modelSettings, chosen);
  });

  it("Anthropic: reasoning High is a thinking budget, and Claude's thinking shows in the answer", async () => {
    const { rig, server } = await setup('anthropic/claude-sonnet-4-20250514', () => anthropicThinking.reply({ seed: 11, pieces: 40 }));
    await rig.receive({ type: 'modelSettings/set', settings: { reasoning: 'high' } });
    await ask(rig, 'How do I cross the street?');
    assert.deepStrictEqual(body(server.requests[0])['thinking'], { type: 'enabled', budget_tokens: 4096 });
    const done = rig.sink.of('chat/done')[0]?.message;
    const thinking = (anthropicThinking.meta.expected.thinking as { thinking: string }[])[0]?.thinking;
    assert.equal(done?.reasoning, thinking);
    assert.equal(done?.content, anthropicThinking.meta.expected.text);
  });

  it('Gemini: reasoning Low is a thinkingConfig, and the thoughts show in the answer', async () => {
    const { rig, server } = await setup('gemini/gemini-2.5-flash', () => geminiThinking.reply({ seed: 4, pieces: 30 }));
    await rig.receive({ type: 'modelSettings/set', settings: { reasoning: 'low' } });
    await ask(rig, 'How do I cross the street?');
    const config = (body(server.requests[0])['generationConfig'] as Record<string, unknown> | undefined)?.['thinkingConfig'];
    assert.deepStrictEqual(config, { thinkingBudget: 1024, includeThoughts: true });
    const done = rig.sink.of('chat/done')[0]?.message;
    assert.equal(done?.reasoning, geminiThinking.meta.expected.thinking_text);
  });

  it('Anthropic: marks the instructions and the previous turn as cache breakpoints, and prices cached tokens as cached', async () => {
    const cached = anthropicCachedStream();
    const { rig, server } = await setup('anthropic/claude-sonnet-4-5', (_request, index) => (index === 0 ? anthropicThinking.reply('whole') : { status: 200, headers: { 'content-type': 'text/event-stream' }, body: cached.body, delivery: { seed: 9, pieces: 12 } }), {
      settings: { instructions: 'Answer as a careful engineer.' },
    });
    await ask(rig, 'First question');
    const ephemeral = { type: 'ephemeral' };
    assert.deepStrictEqual(body(server.requests[0])['system'], [{ type: 'text', text: 'Answer as a careful engineer.', cache_control: ephemeral }]);
    await ask(rig, 'Follow-up');
    const second = body(server.requests[1]);
    assert.deepStrictEqual(second['system'], [{ type: 'text', text: 'Answer as a careful engineer.', cache_control: ephemeral }], 'the same system block, byte for byte');
    const turns = second['messages'] as { role: string; content: unknown }[];
    assert.deepStrictEqual(turns.map((turn) => turn.role), ['user', 'assistant', 'user']);
    const previous = turns[1]?.content as { type: string; cache_control?: unknown }[];
    assert.deepStrictEqual(previous.at(-1)?.cache_control, ephemeral, 'the end of the previous turn is a breakpoint');
    assert.equal(turns[2]?.content, 'Follow-up', 'the new question is not');

    const usage = rig.sink.of('chat/done')[1]?.message.usage;
    const info = getModelInfo('anthropic/claude-sonnet-4-5-20250929');
    const expectedCost = cached.usage.input_tokens * info.input_cost_per_token! + cached.usage.cache_read_input_tokens * info.cache_read_input_token_cost! + (usage?.completionTokens ?? 0) * info.output_cost_per_token!;
    assert.equal(usage?.cachedTokens, cached.usage.cache_read_input_tokens);
    assert.ok(Math.abs((usage?.cost ?? 0) - expectedCost) < 1e-12, `cost ${usage?.cost} priced the cache read at the cached price (${expectedCost})`);
  });

  it('switchboard.chat.promptCaching off: no breakpoints', async () => {
    const { rig, server } = await setup('anthropic/claude-sonnet-4-5', () => anthropicThinking.reply('whole'), { settings: { instructions: 'Rules.', promptCaching: false } });
    await ask(rig, 'One');
    await ask(rig, 'Two');
    assert.equal(body(server.requests[1])['system'], 'Rules.');
    assert.ok(!JSON.stringify(body(server.requests[1])).includes('cache_control'));
  });
});
