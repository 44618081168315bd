/**
 * A conversation exported as Markdown: the whole document for a conversation with every kind of
 * part, and its structure kept whatever the messages hold (checked by parsing the export with
 * markdown-it, the webview's own parser).
 */

import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { ChatMessageView } from '../../src/protocol/messages';
import { conversationToMarkdown } from '../../src/shell/chat/exportMarkdown';
import type { Conversation } from '../../src/shell/chat/ports';
import { png } from '../helpers/protocolSamples';

function conversation(messages: ChatMessageView[], title = 'Fences & friends'): Conversation {
  return { version: 1, id: 'c1', title, createdAt: Date.UTC(2026, 10, 25, 8), updatedAt: Date.UTC(2026, 10, 25, 9), model: 'openai/gpt-4o', messages };
}

describe('export to Markdown', () => {
  it('writes title, turns, attachments, reasoning, tool calls, status, errors and usage', () => {
    const markdown = conversationToMarkdown(
      conversation([
        {
          id: 'q1',
          role: 'user',
          content: 'Why does this break?',
          status: 'complete',
          createdAt: 1,
          attachments: [
            { kind: 'selection', name: 'src/a`b.ts', languageId: 'typescript', text: 'const s = "```";', lines: '3-4' },
            { kind: 'image', name: 'screen [1].png', dataUrl: png },
          ],
        },
        {
          id: 'a1',
          role: 'assistant',
          content: 'Because of this:\n\n```ts\nconst s = ',
          reasoning: 'A fence ```` inside.',
          toolCalls: [{ id: 'call_1', name: 'lookup', arguments: '{"q":"fences"}' }],
          model: 'openai/gpt-4o',
          status: 'stopped',
          usage: { promptTokens: 10, completionTokens: 20, cost: 0.0003 },
          createdAt: 2,
        },
        { id: 'q2', role: 'user', content: 'Again?', status: 'complete', createdAt: 3 },
        {
          id: 'a2',
          role: 'assistant',
          content: '',
          model: 'openai/gpt-4o',
          status: 'error',
          error: { message: 'Could not reach OpenAI.\nSecond line.', kind: 'APIConnectionError', actions: ['retry'] },
          usage: { promptTokens: 5, reasoningTokens: 2, cachedTokens: 1, cost: 0.25 },
          createdAt: 4,
        },
      ]),
    );
    const expected = [
      '# Fences & friends',
      '',
      '_Exported from Switchboard · 2026-11-25T09:00:00.000Z_',
      '',
      '## You',
      '',
      '**Selection from ``src/a`b.ts``** (lines 3-4)',
      '',
      '````typescript',
      'const s = "```";',
      '````',
      '',
      `![screen  1 .png](${png})`,
      '',
      'Why does this break?',
      '',
      '## Assistant (`openai/gpt-4o`)',
      '',
      '<details>',
      '<summary>Reasoning</summary>',
      '',
      '`````text',
      'A fence ```` inside.',
      '`````',
      '',
      '</details>',
      '',
      'Because of this:',
      '',
      '```ts',
      'const s = ',
      '```',
      '',
      '**Tool call `lookup`**',
      '',
      '```json',
      '{"q":"fences"}',
      '```',
      '',
      '_(stopped)_',
      '',
      '_10 tokens in · 20 tokens out · $0.000300_',
      '',
      '## You',
      '',
      'Again?',
      '',
      '## Assistant (`openai/gpt-4o`)',
      '',
      '> **Error:** Could not reach OpenAI.',
      '> Second line.',
      '',
      '_5 tokens in · 2 reasoning · 1 cached · $0.2500_',
      '',
      '---',
      '',
      '**Total:** 15 tokens in · 20 tokens out · 2 reasoning · 1 cached · $0.2503',
      '',
    ].join('\n');
    assert.equal(markdown, expected);
  });

  it('keeps its structure whatever the messages hold: one heading per turn, nothing swallowed', () => {
    const hostile = [
      '```',
      '````unclosed',
      '~~~',
      '</details><details>',
      '# Not a turn',
      '```` ``` `````',
      '    ```indented',
      '<!-- not closed in a fence',
      '\n\n## Fake heading inside a block\n```',
    ];
    const messages: ChatMessageView[] = [];
    for (const [index, text] of hostile.entries()) {
      messages.push({ id: `q${index}`, role: 'user', content: text, attachments: [{ kind: 'file', name: `f${index}`, text }], status: 'complete', createdAt: index });
      messages.push({ id: `a${index}`, role: 'assistant', content: text, reasoning: text, toolCalls: [{ id: 'c', name: text, arguments: text }], status: 'stopped', createdAt: index });
    }
    const markdown = conversationToMarkdown(conversation(messages, 'Title\n## not a heading'));
    const tokens = new MarkdownIt().parse(markdown, {});
    const headings: string[] = [];
    tokens.forEach((token, index) => {
      if (token.type === 'heading_open' && (token.tag === 'h1' || token.tag === 'h2')) {
        headings.push(`${token.tag} ${tokens[index + 1]?.content ?? ''}`);
      }
    });
    const turns = hostile.flatMap(() => ['h2 You', 'h2 Assistant']);
    // A message's own `# …` line is part of the answer (it is Markdown); only the document's headings are counted here.
    assert.deepStrictEqual(
      headings.filter((heading) => heading === 'h2 You' || heading === 'h2 Assistant' || heading.startsWith('h1 Title')),
      ['h1 Title ## not a heading', ...turns],
    );
  });
});
