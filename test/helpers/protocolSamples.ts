/**
 * Valid examples of every message the webview may send, in their fullest forms: the guard tests
 * accept them as they are and mutate them into invalid ones.
 */

import type { FromWebview } from '../../src/protocol/messages';

export const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** At least one valid example of every message type. */
export const validMessages: readonly FromWebview[] = [
  { type: 'ready' },
  {
    type: 'chat/send',
    requestId: 'req-1',
    text: 'Explain this',
    attachments: [
      { kind: 'selection', name: 'src/app.ts', languageId: 'typescript', text: 'const a = 1;', lines: '12-40' },
      { kind: 'file', name: 'README.md', languageId: 'markdown', text: '# Hi' },
      { kind: 'image', name: 'pasted image.png', dataUrl: png },
    ],
  },
  { type: 'chat/send', requestId: 'r', text: '', attachments: [{ kind: 'image', name: 'x.webp', dataUrl: 'data:image/webp;base64,AAAA' }] },
  { type: 'chat/cancel' },
  { type: 'chat/cancel', requestId: 'req_2' },
  { type: 'chat/regenerate', requestId: 'req-3' },
  { type: 'chat/edit', requestId: 'req-4', messageId: 'msg-1', text: 'Better question' },
  { type: 'chat/new' },
  { type: 'chat/composing' },
  { type: 'models/select', model: 'openai/gpt-4o-mini' },
  { type: 'models/select', model: 'openrouter/meta-llama/llama-3.1-70b-instruct:free' },
  { type: 'history/open', conversationId: 'c-1' },
  { type: 'history/rename', conversationId: 'c-1', title: 'Renamed «chat» ✓' },
  { type: 'history/delete', conversationId: 'c-1' },
  { type: 'history/export', conversationId: 'c-1' },
  { type: 'history/shown' },
  { type: 'code/copy', code: 'print(1)' },
  { type: 'code/insert', code: '' },
  { type: 'code/newFile', code: 'x = 1', languageId: 'python' },
  { type: 'code/newFile', code: 'x = 1' },
  { type: 'code/apply', messageId: 'm1', code: 'x = 2' },
  { type: 'code/applyAll', messageId: 'm1' },
  { type: 'review/decide', decision: 'accept' },
  { type: 'link/open', href: 'https://example.com/a?b=c' },
  { type: 'action/run', action: 'setApiKey' },
  { type: 'action/run', action: 'openSettings' },
  { type: 'action/run', action: 'testConnection' },
  { type: 'context/add', kind: 'activeFile' },
  { type: 'context/add', kind: 'file' },
  { type: 'context/add', kind: 'terminal' },
  { type: 'modelSettings/set', settings: {} },
  { type: 'modelSettings/set', settings: { reasoning: 'off', temperature: 0, maxTokens: 1 } },
  { type: 'modelSettings/set', settings: { temperature: 2, maxTokens: 1_000_000 } },
  { type: 'instructions/toggle', path: 'AGENTS.md', enabled: false },
  { type: 'instructions/toggle', path: 'docs/api/AGENTS.md', enabled: true },
  { type: 'instructions/open', path: '.github/instructions/ts.instructions.md' },
  { type: 'history/search', query: 'proxy «error» ✓' },
  { type: 'history/search', query: '' },
  { type: 'draft/update', draft: { attachments: [] } },
  { type: 'draft/update', draft: { text: 'half typed', attachments: [{ kind: 'image', name: 'a.gif', dataUrl: 'data:image/gif;base64,R0lGOD==' }] } },
  { type: 'draft/update', draft: { attachments: [{ kind: 'folder', name: 'src', text: 'src/\n  a.ts', tokens: 4 }, { kind: 'problems', name: 'Problems (1)', text: 'a.ts:1:1 error: x', tokens: 9 }] } },
  { type: 'tools/approve', requestId: 'r1', callId: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', decision: 'allow' },
  { type: 'tools/approve', requestId: 'r1', callId: 'call_0|sig', decision: 'deny' },
  { type: 'tools/approve', requestId: 'r1', callId: 'c', decision: 'alwaysAllow' },
  { type: 'tools/toggle', sourceId: 'mcp:files', enabled: false },
  { type: 'tools/toggle', sourceId: 'builtin', tool: 'read_file', enabled: true },
  { type: 'tools/revoke', sourceId: 'mcp:my server', tool: 'write.file' },
  { type: 'tools/refresh' },
  { type: 'chat/continue', requestId: 'r2', messageId: 'm1' },
];

