/**
 * The official filesystem server (@modelcontextprotocol/server-filesystem) over stdio, on a
 * temporary folder: its tools are listed, a file is read, and a read outside the folder comes
 * back as the server's error result.
 */

import * as assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callOptions, filesystemServer, newSource, nodeServer, textOf } from './mcpRig';
import type { McpServerSource } from '../../../src/shell/tools/mcp/mcpServerSource';

describe('MCP: the filesystem server over stdio', () => {
  let folder: string;
  let outside: string;
  let source: McpServerSource;

  before(() => {
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'switchboard-mcp-fs-')));
    outside = realpathSync(mkdtempSync(join(tmpdir(), 'switchboard-mcp-outside-')));
    writeFileSync(join(folder, 'note.txt'), 'The quick brown fox is 42 today.\n');
    writeFileSync(join(outside, 'secret.txt'), 'not for the server\n');
    ({ source } = newSource(nodeServer('files', filesystemServer, [folder])));
  });

  after(() => {
    source.dispose();
    rmSync(folder, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('is not started until used, then lists its tools', async () => {
    assert.equal(source.status().state, 'notStarted');
    assert.equal(source.id, 'mcp:files');
    assert.equal(source.kind, 'mcp');
    assert.equal(source.label, 'files');
    const started = Date.now();
    const status = await source.start();
    console.log(`      filesystem: started in ${Date.now() - started} ms with ${status.tools.length} tools`);
    assert.equal(status.state, 'ready', status.problem);
    const names = status.tools.map((tool) => tool.name);
    assert.ok(names.includes('read_text_file'), names.join(', '));
    assert.ok(names.includes('list_directory'));
    const read = status.tools.find((tool) => tool.name === 'read_text_file');
    assert.equal(read?.inputSchema['type'], 'object');
    assert.equal(read?.readOnly, false, 'a server’s own hint never makes a tool run without asking');
  });

  it('reads a file in its folder', async () => {
    const output = await source.call('read_text_file', { path: join(folder, 'note.txt') }, callOptions());
    assert.equal(output.isError, false);
    assert.match(textOf(output), /The quick brown fox is 42 today\./);
  });

  it('refuses a file outside its folder with an error result', async () => {
    const output = await source.call('read_text_file', { path: join(outside, 'secret.txt') }, callOptions());
    assert.equal(output.isError, true);
    assert.match(textOf(output), /Access denied/);
    assert.doesNotMatch(textOf(output), /not for the server/);
  });
});
