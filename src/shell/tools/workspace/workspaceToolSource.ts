/**
 * The built-in read-only workspace tools as a `ToolSource` (`builtin`, "Workspace"): always
 * ready, nothing to start. Each call's arguments are checked against its tool's schema; a refusal
 * or a failure becomes an error result the model reads, never a rejection.
 */

import { errorText } from '../../errorText';
import type { ToolCallOptions, ToolOutput, ToolSource, ToolSourceStatus } from '../toolTypes';
import { findFilesTool } from './findFiles';
import { listDirectoryTool } from './listDirectory';
import { getChangesTool, getProblemsTool } from './problemsAndChanges';
import { readFileTool } from './readFile';
import { searchTextTool } from './searchText';
import { ToolArgs, ToolRefusal, type WorkspaceTool } from './workspaceTool';
import type { WorkspaceToolHost } from './workspaceToolHost';

/**
 * In the order offered. list_directory comes first: it is useful with no arguments at all (the
 * offline mock model calls the first tool with only its required arguments).
 */
export const workspaceTools: readonly WorkspaceTool[] = [listDirectoryTool, readFileTool, findFilesTool, searchTextTool, getProblemsTool, getChangesTool];

function result(text: string, isError: boolean): ToolOutput {
  return { content: [{ type: 'text', text }], isError };
}

export interface WorkspaceToolSourceOptions {
  host: WorkspaceToolHost;
  /** Where an unexpected failure (not a refusal) is logged with its stack. */
  log: { error(message: string): void };
}

export class WorkspaceToolSource implements ToolSource {
  readonly id = 'builtin';
  readonly kind = 'builtin' as const;
  readonly label = 'Workspace';
  private readonly tools = new Map(workspaceTools.map((tool) => [tool.descriptor.name, tool]));

  constructor(private readonly options: WorkspaceToolSourceOptions) {}

  status(): ToolSourceStatus {
    return { state: 'ready', tools: workspaceTools.map((tool) => tool.descriptor) };
  }

  start(): Promise<ToolSourceStatus> {
    return Promise.resolve(this.status());
  }

  async call(name: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolOutput> {
    const tool = this.tools.get(name);
    if (tool === undefined) {
      return result(`There is no workspace tool named "${name}". The workspace tools are ${workspaceTools.map((known) => known.descriptor.name).join(', ')}.`, true);
    }
    try {
      const text = await tool.run(new ToolArgs(args, tool.descriptor.inputSchema), { host: this.options.host, signal: options.signal });
      return result(text, false);
    } catch (error) {
      if (error instanceof ToolRefusal) {
        return result(error.message, true);
      }
      if (options.signal.aborted) {
        return result(`${name} was cancelled.`, true);
      }
      this.options.log.error(`The workspace tool ${name} failed: ${errorText(error, 'stack')}`);
      return result(`${name} failed: ${errorText(error)}`, true);
    }
  }

  /** The tools never change: nothing to tell. */
  onDidChange(): { dispose(): void } {
    return { dispose: () => undefined };
  }

  dispose(): void {
    // Nothing was started.
  }
}
