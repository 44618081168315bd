/**
 * The MCP servers of `switchboard.mcpServers` as a `ToolSourceList` (toolTypes.ts): one source per
 * configured server, sorted by name. When the setting changes, a new server is added, a removed
 * one stopped, and a changed one replaced (the old process stopped, the new one started on its
 * first use); a changed secret makes the servers using it restart on their next use.
 */

import { Emitter } from '../../event';
import type { ToolSource, ToolSourceList } from '../toolTypes';
import { sameMcpServer, type McpServerConfig } from './mcpConfig';

/** What the list needs of a server's source beyond the port. */
export interface McpServerEntry extends ToolSource {
  secretChanged(name: string): void;
}

export class McpServerList implements ToolSourceList {
  private readonly changed = new Emitter<void>();
  private entries: { config: McpServerConfig; source: McpServerEntry }[] = [];

  constructor(private readonly createSource: (config: McpServerConfig) => McpServerEntry) {}

  sources(): readonly ToolSource[] {
    return this.entries.map((entry) => entry.source);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changed.event(listener);
  }

  /** Takes the servers as the settings now say; fires when the list changed. */
  update(configs: readonly McpServerConfig[]): void {
    const before = new Map(this.entries.map((entry) => [entry.config.name, entry]));
    let changed = before.size !== configs.length;
    const next: typeof this.entries = [];
    for (const config of [...configs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const old = before.get(config.name);
      before.delete(config.name);
      if (old !== undefined && sameMcpServer(old.config, config)) {
        next.push(old);
        continue;
      }
      old?.source.dispose();
      next.push({ config, source: this.createSource(config) });
      changed = true;
    }
    for (const removed of before.values()) {
      removed.source.dispose();
      changed = true;
    }
    this.entries = next;
    if (changed) {
      this.changed.fire();
    }
  }

  /** A stored secret changed: the servers using it take the new value on their next start. */
  secretChanged(name: string): void {
    for (const entry of this.entries) {
      entry.source.secretChanged(name);
    }
  }

  dispose(): void {
    for (const entry of this.entries) {
      entry.source.dispose();
    }
    this.entries = [];
    this.changed.dispose();
  }
}
