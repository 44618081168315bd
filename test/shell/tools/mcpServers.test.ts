/**
 * The list of configured MCP servers: sorted by name, a new server added, a removed one stopped
 * (its process ends), a changed one replaced, an unchanged one kept as it is, running.
 */

import * as assert from 'node:assert/strict';
import type { McpServerConfig } from '../../../src/shell/tools/mcp/mcpConfig';
import { McpServerList } from '../../../src/shell/tools/mcp/mcpServers';
import { McpServerSource } from '../../../src/shell/tools/mcp/mcpServerSource';
import { fixtureServer, nodeServer, RecordingLog, isAlive, waitFor } from './mcpRig';

describe('MCP: the list of servers', () => {
  const log = new RecordingLog();
  let list: McpServerList;
  let created: string[];

  beforeEach(() => {
    created = [];
    list = new McpServerList((config) => {
      created.push(config.name);
      return new McpServerSource({ config, log, clientVersion: '0', readSecret: async () => undefined });
    });
  });

  afterEach(() => list.dispose());

  it('holds one source per server, sorted, and starts none', () => {
    let changes = 0;
    list.onDidChange(() => (changes += 1));
    list.update([nodeServer('b', fixtureServer), nodeServer('a', fixtureServer)]);
    assert.deepEqual(
      list.sources().map((source) => source.id),
      ['mcp:a', 'mcp:b'],
    );
    assert.ok(list.sources().every((source) => source.status().state === 'notStarted'));
    assert.equal(changes, 1);
    list.update([nodeServer('a', fixtureServer), nodeServer('b', fixtureServer)]);
    assert.equal(changes, 1, 'the same servers are no change');
    assert.deepEqual(created, ['a', 'b']);
  });

  it('stops a removed server, replaces a changed one and keeps the rest running', async () => {
    list.update([nodeServer('keep', fixtureServer), nodeServer('drop', fixtureServer), nodeServer('change', fixtureServer)]);
    const [change, drop, keep] = list.sources();
    await Promise.all([change?.start(), drop?.start(), keep?.start()]);
    await waitFor(() => (log.text().match(/ready pid/g) ?? []).length === 3, 'three processes');
    const pidOf = (name: string): number => Number(log.text().match(new RegExp(`\\[mcp ${name}\\] fixture: ready pid (\\d+)`))?.[1]);
    const dropPid = pidOf('drop');
    const changePid = pidOf('change');
    const changed: McpServerConfig = nodeServer('change', fixtureServer, ['--flag']);
    list.update([nodeServer('keep', fixtureServer), changed, nodeServer('added', fixtureServer)]);
    assert.deepEqual(
      list.sources().map((source) => source.id),
      ['mcp:added', 'mcp:change', 'mcp:keep'],
    );
    assert.equal(list.sources()[2], keep, 'the unchanged server is the same source');
    assert.equal(keep?.status().state, 'ready');
    assert.notEqual(list.sources()[1], change);
    assert.equal(list.sources()[1]?.status().state, 'notStarted');
    await waitFor(() => !isAlive(dropPid) && !isAlive(changePid), 'the removed and replaced processes to end', 6000);
  });
});
