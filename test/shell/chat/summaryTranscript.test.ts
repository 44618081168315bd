/**
 * The summary of earlier turns names the tools an answer used (their results are left to the
 * answer's own words), so a summarised chat still knows what the model looked at.
 */

import assert from 'node:assert/strict';
import { createClient } from '../../../src/core';
import type { ChatMessageView } from '../../../src/protocol/messages';
import type { ChatCompletions, ChatRequest } from '../../../src/shell/chat/ports';
import { writeSummary } from '../../../src/shell/chat/summarizer';
import { TokenEstimator } from '../../../src/shell/chat/tokenEstimate';
import { TokenCounter } from '../../../src/shell/lm/tokenCount';

describe('the summary request of a chat that used tools', () => {
  it('names the tools each answer called, once each', async () => {
    const client = createClient({ env: {} });
    const asked: ChatRequest[] = [];
    const completions: ChatCompletions = {
      stream: (request) => {
        asked.push(request);
        return client.completion({ model: request.model, messages: request.messages, stream: true, signal: request.signal, mock_response: 'A summary.' });
      },
    };
    const call = (id: string, name: string, toolName?: string): ChatMessageView['toolCalls'] => [{ id, name, arguments: '{}', state: 'done', result: { text: 'secret result', isError: false }, ...(toolName === undefined ? {} : { toolName }) }];
    const messages: ChatMessageView[] = [
      { id: 'q', role: 'user', content: 'What is in src?', status: 'complete', createdAt: 1 },
      {
        id: 'a',
        role: 'assistant',
        content: 'src holds the core.',
        rounds: [{ content: '', toolCalls: call('c1', 'list_directory') ?? [] }, { content: '', toolCalls: [...(call('c2', 'list_directory') ?? []), ...(call('c3', 'mcp__files__read_text_file', 'read_text_file') ?? [])] }],
        status: 'complete',
        createdAt: 2,
      },
    ];
    const summary = await writeSummary(completions, new TokenEstimator(new TokenCounter()), { model: 'mock/echo', previous: undefined, messages, window: 100_000, allowance: 500, params: {}, signal: new AbortController().signal });
    assert.equal(summary.text, 'A summary.');
    const content = asked[0]?.messages[1]?.content;
    const transcript = typeof content === 'string' ? content : '';
    assert.ok(transcript.includes('Assistant (used the tools list_directory, read_text_file): src holds the core.'), transcript);
    assert.ok(!transcript.includes('secret result'));
    await client.close();
  });
});
