/**
 * The parts of a chat request, each on its own (plain values): the chat settings read from
 * user JSON, Model Settings over `switchboard.modelDefaults` mapped to request parameters per
 * provider, the cache breakpoints Anthropic needs, and the compactions a long chat records.
 */

import assert from 'node:assert/strict';
import type { Message } from '../../src/core';
import type { ChatMessageView } from '../../src/protocol/messages';
import { needsCacheBreakpoints, withCacheBreakpoints } from '../../src/shell/chat/cacheBreakpoints';
import { currentCut, pruneCompactions, recordDrop, recordSummary } from '../../src/shell/chat/compactions';
import { effectiveModelSettings, requestParams } from '../../src/shell/chat/modelParameters';
import type { Conversation } from '../../src/shell/chat/ports';
import { modelDefaultsFor, readChatSettings } from '../../src/shell/chatSettings';
import type { ModelFacts } from '../../src/shell/modelLimits';
import { settingsSource } from './shellFakes';

const reasoning: ModelFacts = { window: 200_000, windowKnown: true, maxOutputTokens: 64_000, supportsReasoning: true };
const plain: ModelFacts = { window: 128_000, windowKnown: true, maxOutputTokens: 16_384, supportsReasoning: false };

describe('chat request parts', () => {
  it('reads the chat settings, leaving out what is malformed and saying why', () => {
    const problems: string[] = [];
    const settings = readChatSettings(
      settingsSource({
        'chat.instructions': '  Be brief.  ',
        'chat.useInstructionFiles': 'yes',
        'chat.longChats': 'forget',
        'chat.promptCaching': false,
        'chat.titles': 'firstLine',
        modelDefaults: { 'anthropic/*': { reasoning: 'high', temperature: 3, colour: 'red' }, 'openai/gpt-4.1': { maxTokens: 2048 }, nonsense: { temperature: 1 } },
      }),
      problems,
    );
    assert.deepStrictEqual(settings, {
      instructions: 'Be brief.',
      useInstructionFiles: true,
      modelDefaults: { 'anthropic/*': { reasoning: 'high' }, 'openai/gpt-4.1': { maxTokens: 2048 } },
      longChats: 'summarize',
      promptCaching: false,
      titles: 'firstLine',
    });
    assert.deepStrictEqual(problems, [
      'switchboard.chat.useInstructionFiles is not true or false; true is used.',
      'switchboard.modelDefaults.anthropic/*.temperature is not a number from 0 to 2; ignored.',
      'switchboard.modelDefaults.anthropic/*.colour is not a model setting; ignored.',
      "switchboard.modelDefaults: 'nonsense' is neither provider/model nor provider/*; ignored.",
      'switchboard.chat.longChats is not one of summarize, drop, off; summarize is used.',
    ]);
  });

  it('the exact model beats its provider pattern field by field, and the chat beats both', () => {
    const defaults = { 'anthropic/*': { reasoning: 'low' as const, temperature: 0.5 }, 'anthropic/claude-opus-4-1': { reasoning: 'high' as const } };
    assert.deepStrictEqual(modelDefaultsFor(defaults, 'anthropic/claude-opus-4-1'), { reasoning: 'high', temperature: 0.5 });
    assert.deepStrictEqual(modelDefaultsFor(defaults, 'openai/gpt-4o'), {});
    assert.deepStrictEqual(effectiveModelSettings({ temperature: 0.1 }, defaults, 'anthropic/claude-opus-4-1'), { reasoning: 'high', temperature: 0.1 });
    assert.deepStrictEqual(modelDefaultsFor({ 'toString/*': { temperature: 1 } }, 'constructor/x'), {}, 'only own entries');
  });

  it('maps Model Settings to parameters: reasoning only for models that reason, off where it can be switched off', () => {
    assert.deepStrictEqual(requestParams({ reasoning: 'high', temperature: 0.3, maxTokens: 100_000 }, 'openai/o3', reasoning), { reasoning_effort: 'high', temperature: 0.3, max_tokens: 64_000 });
    assert.deepStrictEqual(requestParams({ reasoning: 'high', temperature: 0.3 }, 'openai/gpt-4o', plain), { temperature: 0.3 }, 'a model that does not reason gets no reasoning');
    assert.deepStrictEqual(requestParams({ reasoning: 'off' }, 'anthropic/claude-sonnet-4-5', reasoning), { reasoning_effort: 'none' });
    assert.deepStrictEqual(requestParams({ reasoning: 'off' }, 'gemini/gemini-2.5-flash', reasoning), { reasoning_effort: 'none' });
    assert.deepStrictEqual(requestParams({ reasoning: 'off' }, 'openai/o3', reasoning), {}, 'o-series models refuse none: their default stays');
    assert.deepStrictEqual(requestParams({ reasoning: 'medium', temperature: 0.2 }, 'anthropic/claude-sonnet-4-5', reasoning), { reasoning_effort: 'medium' }, 'Anthropic thinks only at temperature 1');
    assert.deepStrictEqual(requestParams({ reasoning: 'off', temperature: 0.2 }, 'anthropic/claude-sonnet-4-5', reasoning), { reasoning_effort: 'none', temperature: 0.2 });
    assert.deepStrictEqual(requestParams({}, 'ollama/qwen3', reasoning), {});
  });

  it('marks the end of the system message and of the previous turn, for the providers that need it', () => {
    assert.equal(needsCacheBreakpoints('anthropic/claude-sonnet-4-5'), true);
    assert.equal(needsCacheBreakpoints('openrouter/anthropic/claude-3.5-sonnet'), true);
    assert.equal(needsCacheBreakpoints('openrouter/openai/gpt-4o'), false);
    assert.equal(needsCacheBreakpoints('openai/gpt-4o'), false);
    const messages: Message[] = [
      { role: 'system', content: 'Rules.' },
      { role: 'user', content: 'First' },
      { role: 'assistant', content: 'Answer' },
      { role: 'user', content: [{ type: 'text', text: 'Second' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AA==' } }] },
    ];
    const marked = withCacheBreakpoints(messages);
    const ephemeral = { type: 'ephemeral' };
    assert.deepStrictEqual(marked, [
      { role: 'system', content: [{ type: 'text', text: 'Rules.', cache_control: ephemeral }] },
      { role: 'user', content: 'First' },
      { role: 'assistant', content: [{ type: 'text', text: 'Answer', cache_control: ephemeral }] },
      messages[3],
    ]);
    assert.deepStrictEqual(messages[0], { role: 'system', content: 'Rules.' }, 'the input is not changed');
    assert.deepStrictEqual(withCacheBreakpoints([{ role: 'user', content: 'Only' }]), [{ role: 'user', content: 'Only' }], 'a first question has no previous turn');
  });

  it('records compactions: a summary per overflow, drops that follow each other move one divider, edits prune what they removed', () => {
    const message = (id: string, role: 'user' | 'assistant'): ChatMessageView => ({ id, role, content: id, status: 'complete', createdAt: 1 });
    const conversation: Conversation = { version: 1, id: 'c', title: 't', createdAt: 1, updatedAt: 1, model: 'm/x', messages: ['q1', 'a1', 'q2', 'a2', 'q3', 'a3', 'q4'].map((id) => message(id, id.startsWith('q') ? 'user' : 'assistant')) };
    assert.deepStrictEqual(currentCut(conversation), { from: 0, summary: undefined });
    recordSummary(conversation, { id: 's1', at: 5, from: 2, summary: 'Earlier: q1.', usage: { promptTokens: 10, cost: 0.01 } });
    assert.deepStrictEqual(currentCut(conversation), { from: 2, summary: 'Earlier: q1.' });
    recordDrop(conversation, { id: 'd1', at: 6, from: 4 });
    recordDrop(conversation, { id: 'd2', at: 7, from: 6 });
    assert.deepStrictEqual(
      conversation.compactions?.map(({ id, kind, beforeMessageId, messageCount }) => ({ id, kind, beforeMessageId, messageCount })),
      [
        { id: 's1', kind: 'summary', beforeMessageId: 'q2', messageCount: 2 },
        { id: 'd1', kind: 'dropped', beforeMessageId: 'q4', messageCount: 6 },
      ],
    );
    assert.deepStrictEqual(currentCut(conversation), { from: 6, summary: 'Earlier: q1.' }, 'the summary still stands for what it covers');
    conversation.messages.splice(5);
    assert.equal(pruneCompactions(conversation), true);
    assert.deepStrictEqual(conversation.compactions?.map((compaction) => compaction.id), ['s1']);
    assert.equal(pruneCompactions(conversation), false);
  });
});
