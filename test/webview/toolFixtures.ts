/** Tool calls, rounds and a tools picker for the webview tests. */

import type { AnswerRoundView, ToolCallView } from '../../src/protocol/messages';
import type { ToolsView } from '../../src/protocol/toolViews';

export const workspace = { kind: 'builtin', label: 'Workspace', id: 'builtin' } as const;
export const filesServer = { kind: 'mcp', label: 'files', id: 'mcp:files' } as const;

export function toolCall(id: string, extra: Partial<ToolCallView> = {}): ToolCallView {
  return { id, name: 'read_file', arguments: '{"path":"src/app.ts"}', source: workspace, state: 'done', ...extra };
}

export function round(content: string, calls: ToolCallView[], reasoning?: string): AnswerRoundView {
  return { content, toolCalls: calls, ...(reasoning === undefined ? {} : { reasoning }) };
}

/** Two sources: the built-ins (ready, one tool always allowed) and an MCP server that failed to start. */
export function toolsView(extra: Partial<ToolsView> = {}): ToolsView {
  return {
    enabled: true,
    modelSupportsTools: true,
    autoApproveReadOnly: true,
    sources: [
      {
        ...workspace,
        enabled: true,
        state: 'ready',
        tools: [
          { name: 'read_file', modelName: 'read_file', description: 'Reads a file of the workspace.', enabled: true, alwaysAllowed: false, readOnly: true },
          { name: 'search', modelName: 'search', description: `Searches the workspace. ${'Very long. '.repeat(30)}`, enabled: false, alwaysAllowed: true, readOnly: true },
        ],
      },
      {
        ...filesServer,
        enabled: true,
        state: 'failed',
        problem: 'spawn npx ENOENT',
        tools: [{ name: 'write_file', modelName: 'mcp__files__write_file', description: 'Writes a file.', enabled: true, alwaysAllowed: true, readOnly: false }],
      },
      { kind: 'mcp', label: 'github', id: 'mcp:github', enabled: true, state: 'notStarted', tools: [] },
    ],
    ...extra,
  };
}
