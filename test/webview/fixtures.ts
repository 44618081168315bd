/** Host messages for the webview tests: a conversation, its snapshot and a streamed answer. */

import type { ChatMessageView, ChatSnapshot, ModelOption, ToWebview } from '../../src/protocol/messages';
import type { ModelSettingsView } from '../../src/protocol/requestViews';
import type { ToolsView } from '../../src/protocol/toolViews';

export const models: ModelOption[] = [
  { id: 'openai/gpt-4o-mini', label: 'GPT-4o mini', provider: 'openai', description: '128k context', supportsVision: true },
  { id: 'anthropic/claude-sonnet-4-5', label: 'Claude Sonnet 4.5', provider: 'anthropic', supportsVision: true },
  { id: 'mock/typewriter', label: 'Mock typewriter', provider: 'mock', supportsVision: false },
];

export function userMessage(id: string, content: string, extra: Partial<ChatMessageView> = {}): ChatMessageView {
  return { id, role: 'user', content, status: 'complete', createdAt: 1_700_000_000_000, ...extra };
}

export function assistantMessage(id: string, content: string, extra: Partial<ChatMessageView> = {}): ChatMessageView {
  return { id, role: 'assistant', content, status: 'complete', model: 'openai/gpt-4o-mini', createdAt: 1_700_000_000_500, ...extra };
}

/** A model that reasons, with nothing chosen: every setting is the default. */
export const defaultModelSettings: ModelSettingsView = { chosen: {}, effective: {}, reasoningSupported: true, maxOutputTokens: 16_384 };

/** Tools on, a model that takes them, and no source yet. */
export const noSources: ToolsView = { enabled: true, modelSupportsTools: true, autoApproveReadOnly: true, sources: [] };

export function snapshot(overrides: Partial<ChatSnapshot> = {}): Extract<ToWebview, { type: 'state/snapshot' }> {
  return {
    type: 'state/snapshot',
    snapshot: {
      conversationId: 'c1',
      title: 'First chat',
      messages: [],
      model: 'openai/gpt-4o-mini',
      models,
      history: [
        { id: 'c1', title: 'First chat', updatedAt: 1_700_000_000_000, messageCount: 2 },
        { id: 'c2', title: 'Older chat', updatedAt: 1_600_000_000_000, messageCount: 4 },
      ],
      totals: {},
      modelSettings: defaultModelSettings,
      instructions: { filesEnabled: true, files: [], capBytes: 65_536 },
      compactions: [],
      tools: noSources,
      ...overrides,
    },
  };
}

/** A conversation of one finished exchange. */
export function exchange(): ChatMessageView[] {
  return [
    userMessage('u1', 'What is 2 + 2?'),
    assistantMessage('a1', 'It is **4**.', { usage: { promptTokens: 12, completionTokens: 5, cost: 0.0001 } }),
  ];
}

/** The host's messages for an answer that fails after it began: a rejected key, with its actions. */
export function failedAnswer(): ToWebview[] {
  return [
    { type: 'chat/appended', message: assistantMessage('a1', '', { status: 'streaming' }) },
    {
      type: 'chat/error',
      requestId: 'r1',
      message: assistantMessage('a1', 'Partial answer', {
        status: 'error',
        error: { message: 'OpenAI rejected the key (401).', kind: 'AuthenticationError', actions: ['setApiKey', 'retry', 'showLogs'] },
      }),
      totals: {},
    },
  ];
}

/** The host's messages for a streamed answer `pieces`, for request `requestId` into message `messageId`. */
export function stream(requestId: string, messageId: string, pieces: string[]): ToWebview[] {
  return pieces.map((content, seq) => ({ type: 'chat/delta', requestId, messageId, seq, content }));
}
