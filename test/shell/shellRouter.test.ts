/**
 * The chat view's router: every message through the real guard; malformed ones dropped and logged
 * at debug, none throwing; chat messages to the controller, the rest to the shell's services;
 * error buttons mapped (Retry → regenerate, Set API Key for the failing provider); a failing
 * service logged, never thrown at the webview's event.
 */

import assert from 'node:assert/strict';
import type { ChatMessageView, ErrorAction, FromWebview } from '../../src/protocol/messages';
import type { Conversation } from '../../src/shell/chat/ports';
import { WebviewRouter, type ShellActions } from '../../src/shell/chat/webviewRouter';
import { readConfig } from '../../src/shell/config';
import { RecordingLog, settingsSource } from './shellFakes';

function assistant(model: string, failed: boolean): ChatMessageView {
  const message: ChatMessageView = { id: `a-${model}`, role: 'assistant', content: '', model, status: failed ? 'error' : 'complete', createdAt: 1 };
  if (failed) {
    message.error = { message: 'rejected the key', kind: 'AuthenticationError', actions: ['setApiKey'] };
  }
  return message;
}

function conversation(messages: ChatMessageView[]): Conversation {
  return { version: 1, id: 'c1', title: 'T', createdAt: 1, updatedAt: 1, model: 'openai/gpt-4o-mini', messages };
}

interface Setup {
  router: WebviewRouter;
  /** The controller's methods called, with their arguments (`history.open` for its history's). */
  handled: unknown[][];
  calls: unknown[][];
  log: RecordingLog;
}

function setup(options: { messages?: ChatMessageView[]; failingAction?: keyof ShellActions } = {}): Setup {
  const handled: unknown[][] = [];
  const calls: unknown[][] = [];
  const log = new RecordingLog();
  const record =
    (name: keyof ShellActions) =>
    async (...args: unknown[]): Promise<void> => {
      calls.push([name, ...args]);
      if (options.failingAction === name) {
        throw new Error(`${name} failed`);
      }
    };
  const actions: ShellActions = {
    copyCode: record('copyCode'),
    insertCode: record('insertCode'),
    openCodeInNewFile: record('openCodeInNewFile'),
    applyCode: record('applyCode'),
    applyAllCode: record('applyAllCode'),
    decideProposal: record('decideProposal'),
    openLink: record('openLink'),
    exportConversation: record('exportConversation'),
    addProvider: record('addProvider'),
    setApiKey: record('setApiKey'),
    selectModel: record('selectModel'),
    testConnection: record('testConnection'),
    showLogs: record('showLogs'),
    openSettings: record('openSettings'),
  };
  const config = readConfig(settingsSource({ customEndpoints: [{ name: 'lab', baseUrl: 'http://127.0.0.1:9/v1' }] })).config;
  let ids = 0;
  const router = new WebviewRouter({
    controller: {
      ready: async () => void handled.push(['ready']),
      send: async (...args) => void handled.push(['send', ...args]),
      cancel: (...args) => void handled.push(['cancel', ...args]),
      regenerate: async (...args) => void handled.push(['regenerate', ...args]),
      edit: async (...args) => void handled.push(['edit', ...args]),
      newChat: async () => void handled.push(['newChat']),
      selectModel: async (...args) => void handled.push(['selectModel', ...args]),
      updateDraft: async (...args) => void handled.push(['updateDraft', ...args]),
      next: {
        addContext: async (...args) => void handled.push(['next.addContext', ...args]),
        setModelSettings: async (...args) => void handled.push(['next.setModelSettings', ...args]),
        toggleInstruction: async (...args) => void handled.push(['next.toggleInstruction', ...args]),
        openInstruction: async (...args) => void handled.push(['next.openInstruction', ...args]),
      },
      conversation: async () => conversation(options.messages ?? []),
      history: {
        open: async (...args) => void handled.push(['history.open', ...args]),
        rename: async (...args) => void handled.push(['history.rename', ...args]),
        remove: async (...args) => void handled.push(['history.remove', ...args]),
        search: async (...args) => void handled.push(['history.search', ...args]),
        shown: () => void handled.push(['history.shown']),
      },
      tools: {
        approve: (...args) => void handled.push(['tools.approve', ...args]),
        toggle: async (...args) => void handled.push(['tools.toggle', ...args]),
        revoke: async (...args) => void handled.push(['tools.revoke', ...args]),
        refresh: async () => void handled.push(['tools.refresh']),
        continueAnswer: async (...args) => void handled.push(['tools.continueAnswer', ...args]),
      },
    },
    actions,
    log,
    config: () => config,
    newId: () => `id-${++ids}`,
    prepareRequest: () => void handled.push(['prepareRequest']),
  });
  return { router, handled, calls, log };
}

describe('shell webview router', () => {
  it('sends chat and history messages to the controller and the rest to the shell, each to its one handler', async () => {
    const { router, handled, calls } = setup();
    const chat: FromWebview[] = [
      { type: 'ready' },
      { type: 'chat/send', requestId: 'r1', text: 'hi', attachments: [] },
      { type: 'chat/cancel', requestId: 'r1' },
      { type: 'chat/regenerate', requestId: 'r2' },
      { type: 'chat/edit', requestId: 'r3', messageId: 'm1', text: 'edited' },
      { type: 'chat/new' },
      { type: 'chat/composing' },
      { type: 'models/select', model: 'openai/gpt-4o-mini' },
      { type: 'history/open', conversationId: 'c2' },
      { type: 'history/rename', conversationId: 'c2', title: 'New title' },
      { type: 'history/delete', conversationId: 'c2' },
      { type: 'draft/update', draft: { attachments: [] } },
      { type: 'context/add', kind: 'activeFile' },
      { type: 'context/add', kind: 'problems' },
      { type: 'modelSettings/set', settings: { reasoning: 'high', temperature: 0.2, maxTokens: 512 } },
      { type: 'instructions/toggle', path: 'AGENTS.md', enabled: false },
      { type: 'instructions/open', path: '.github/copilot-instructions.md' },
      { type: 'history/search', query: 'proxy error' },
      { type: 'history/shown' },
      { type: 'tools/approve', requestId: 'r1', callId: 'call_1', decision: 'alwaysAllow' },
      { type: 'tools/toggle', sourceId: 'mcp:files', enabled: false },
      { type: 'tools/toggle', sourceId: 'builtin', tool: 'read_file', enabled: true },
      { type: 'tools/revoke', sourceId: 'mcp:files', tool: 'write_file' },
      { type: 'tools/refresh' },
      { type: 'chat/continue', requestId: 'r4', messageId: 'm2' },
    ];
    const shell: FromWebview[] = [
      { type: 'code/copy', code: 'let a = 1;' },
      { type: 'code/insert', code: 'let b = 2;' },
      { type: 'code/newFile', code: 'print(1)', languageId: 'py' },
      { type: 'code/apply', messageId: 'm2', code: 'let c = 3;' },
      { type: 'code/applyAll', messageId: 'm2' },
      { type: 'review/decide', decision: 'reject' },
      { type: 'link/open', href: 'https://example.com' },
      { type: 'history/export', conversationId: 'c2' },
      { type: 'action/run', action: 'addProvider' },
      { type: 'action/run', action: 'selectModel' },
      { type: 'action/run', action: 'showLogs' },
      { type: 'action/run', action: 'openSettings' },
      { type: 'action/run', action: 'retry' },
    ];
    for (const message of [...chat, ...shell]) {
      await router.receive(JSON.parse(JSON.stringify(message)));
    }
    assert.deepStrictEqual(
      { handled, calls },
      {
        handled: [
          ['prepareRequest'],
          ['ready'],
          ['send', 'r1', 'hi', []],
          ['cancel', 'r1'],
          ['regenerate', 'r2'],
          ['edit', 'r3', 'm1', 'edited'],
          ['newChat'],
          ['prepareRequest'],
          ['selectModel', 'openai/gpt-4o-mini'],
          ['history.open', 'c2'],
          ['history.rename', 'c2', 'New title'],
          ['history.remove', 'c2'],
          ['updateDraft', { attachments: [] }],
          ['next.addContext', 'activeFile'],
          ['next.addContext', 'problems'],
          ['next.setModelSettings', { reasoning: 'high', temperature: 0.2, maxTokens: 512 }],
          ['next.toggleInstruction', 'AGENTS.md', false],
          ['next.openInstruction', '.github/copilot-instructions.md'],
          ['history.search', 'proxy error'],
          ['history.shown'],
          ['tools.approve', 'r1', 'call_1', 'alwaysAllow'],
          ['tools.toggle', 'mcp:files', undefined, false],
          ['tools.toggle', 'builtin', 'read_file', true],
          ['tools.revoke', 'mcp:files', 'write_file'],
          ['tools.refresh'],
          ['tools.continueAnswer', 'r4', 'm2'],
          ['regenerate', 'id-1'],
        ],
        calls: [
          ['copyCode', 'let a = 1;'],
          ['insertCode', 'let b = 2;'],
          ['openCodeInNewFile', 'print(1)', 'py'],
          ['applyCode', 'm2', 'let c = 3;'],
          ['applyAllCode', 'm2'],
          ['decideProposal', 'reject'],
          ['openLink', 'https://example.com'],
          ['exportConversation', 'c2'],
          ['addProvider'],
          ['selectModel'],
          ['showLogs'],
          ['openSettings'],
        ],
      },
    );
  });

  it('drops malformed messages with a debug line; none throws, none reaches anything; extra fields do not travel', async () => {
    const { router, handled, calls, log } = setup();
    const malformed: unknown[] = [
      undefined,
      null,
      42,
      'ready',
      [],
      { type: 'nope' },
      { type: 'chat/send', requestId: 'r1', text: 5, attachments: [] },
      { type: 'chat/send', requestId: '../../etc', text: 'x', attachments: [] },
      { type: 'link/open' },
      { type: 'action/run', action: 'deleteEverything' },
      { type: 'code/copy', code: 'x'.repeat(5_000_001) },
      JSON.parse('{"type":"ready","__proto__":{"polluted":true}}'),
    ];
    for (const value of malformed) {
      await router.receive(value);
    }
    // Well-formed but with an extra field: what travels on is a fresh object without it.
    await router.receive({ type: 'models/select', model: 'openai/gpt-4o', extra: { nested: true } });
    assert.deepStrictEqual(
      { handled, calls, debugLines: log.at('debug').length, allDropped: log.at('debug').every((line) => line.startsWith('Dropped a message from the chat view: ')), errors: log.at('error') },
      { handled: [['selectModel', 'openai/gpt-4o']], calls: [], debugLines: malformed.length, allDropped: true, errors: [] },
    );
  });

  it('Set API Key goes to the provider (or endpoint) whose answer failed last, and to the picker otherwise', async () => {
    const owners: unknown[] = [];
    for (const messages of [
      [assistant('anthropic/claude-sonnet-4-5', true)],
      [assistant('anthropic/claude-sonnet-4-5', true), assistant('openai/gpt-4o-mini', false)],
      [assistant('lab/qwen', true)],
      [assistant('claude/claude-sonnet-4-5', true)],
      [],
    ]) {
      const { router, calls } = setup({ messages });
      await router.receive({ type: 'action/run', action: 'setApiKey' satisfies ErrorAction });
      owners.push(calls[0]?.[1]);
    }
    assert.deepStrictEqual(owners, ['anthropic', undefined, 'endpoint:lab', 'anthropic', undefined]);
  });

  it('Test Connection gets the model whose answer failed last, and nothing otherwise (the command then asks)', async () => {
    const models: unknown[] = [];
    for (const messages of [[assistant('lab/qwen', true)], [assistant('anthropic/claude-sonnet-4-5', true), assistant('openai/gpt-4o-mini', false)], []]) {
      const { router, calls } = setup({ messages });
      await router.receive({ type: 'action/run', action: 'testConnection' });
      models.push(calls[0]);
    }
    assert.deepStrictEqual(models, [['testConnection', 'lab/qwen'], ['testConnection', undefined], ['testConnection', undefined]]);
  });

  it('a service that fails is logged as an error and the router carries on', async () => {
    const { router, calls, log } = setup({ failingAction: 'insertCode' });
    await router.receive({ type: 'code/insert', code: 'x' });
    await router.receive({ type: 'code/copy', code: 'y' });
    assert.deepStrictEqual({ calls, errors: log.at('error') }, { calls: [['insertCode', 'x'], ['copyCode', 'y']], errors: ["The chat view's 'code/insert' failed: Error: insertCode failed"] });
  });
});
