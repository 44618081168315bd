/**
 * The sources the chat offers, in the order the model sees their tools: the built-in workspace
 * tools first, then the MCP servers of the settings (a list that changes with them), then VS
 * Code's tools. A stable order keeps each request's tool definitions the same prefix, so a
 * provider's prompt cache reads them every time.
 */

import { Emitter } from '../event';
import { DisposableStore, type IDisposable } from '../lifecycle';
import type { ToolSource, ToolSourceList } from './toolTypes';

function isList(part: ToolSource | ToolSourceList): part is ToolSourceList {
  return 'sources' in part;
}

export class ChainedToolSources implements ToolSourceList, IDisposable {
  private readonly changed = new Emitter<void>();
  private readonly subscriptions = new DisposableStore();

  constructor(private readonly parts: readonly (ToolSource | ToolSourceList)[]) {
    for (const part of parts) {
      if (isList(part)) {
        this.subscriptions.add(part.onDidChange(() => this.changed.fire()));
      }
    }
  }

  sources(): readonly ToolSource[] {
    return this.parts.flatMap((part) => (isList(part) ? part.sources() : [part]));
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changed.event(listener);
  }

  dispose(): void {
    this.subscriptions.dispose();
    this.changed.dispose();
  }
}
