/**
 * MCP servers that misbehave, from a fixture written with the SDK's McpServer
 * (test/fixtures/mcp/fixtureServer.mjs): a crash mid-call, a call that never answers (the timeout
 * and Stop send MCP's cancellation, which the fixture records), floods on stdout and stderr, a tool
 * list that changes, and the server's stderr in the log.
 */

import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cappedFetch } from '../../../src/shell/tools/mcp/mcpSdk';
import { callOptions, fixtureServer, newSource, nodeServer, textOf, isAlive, waitFor } from './mcpRig';

function readRecord(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function pidIn(logText: string): number {
  const pids = [...logText.matchAll(/fixture: ready pid (\d+)/g)].map((match) => Number(match[1]));
  const pid = pids.at(-1);
  assert.ok(pid !== undefined, logText);
  return pid;
}

describe('MCP: servers that misbehave', () => {
  let folder: string;
  let record: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'switchboard-mcp-fixture-'));
    record = join(folder, 'record.txt');
  });

  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('logs its stderr line by line under its name', async () => {
    const { source, log } = newSource(nodeServer('fixture', fixtureServer));
    try {
      await source.start();
      await waitFor(() => log.text().includes('fixture: ready pid'), 'the stderr line');
      assert.match(log.text(), /^info \[mcp fixture\] fixture: ready pid \d+$/m);
    } finally {
      source.dispose();
    }
  });

  it('rejects a call promptly when the server crashes, says so, and restarts', async () => {
    const { source, log } = newSource(nodeServer('fixture', fixtureServer), { limits: { firstRestartDelayMs: 200 } });
    try {
      await source.start();
      const changes: string[] = [];
      source.onDidChange(() => changes.push(source.status().state));
      const started = Date.now();
      await assert.rejects(source.call('crash', {}, callOptions(30_000)), /stopped during the call/);
      const took = Date.now() - started;
      assert.ok(took < 3000, `rejected after ${took} ms`);
      const status = source.status();
      assert.equal(status.state, 'failed');
      assert.match(status.problem ?? '', /stopped unexpectedly.*Restarting in 200 ms/);
      assert.match(log.text(), /\[mcp fixture\] fixture: crashing now/);
      await waitFor(() => source.status().state === 'ready', 'the restart');
      assert.deepEqual(changes.slice(0, 3), ['failed', 'starting', 'ready']);
      const output = await source.call('echo', { text: 'back again' }, callOptions());
      assert.equal(textOf(output), 'echo: back again');
    } finally {
      source.dispose();
    }
  });

  it('gives up after crashes in a row, and starts again on the next use', async () => {
    const { source } = newSource(nodeServer('fixture', fixtureServer), { limits: { firstRestartDelayMs: 20, restartsInARow: 2 } });
    try {
      for (let crash = 0; crash < 3; crash += 1) {
        await assert.rejects(source.call('crash', {}, callOptions()));
      }
      await waitFor(() => /times in a row/.test(source.status().problem ?? ''), 'giving up');
      assert.match(source.status().problem ?? '', /stopped 3 times in a row; it starts again when the chat next uses it/);
      const output = await source.call('echo', { text: 'used again' }, callOptions());
      assert.equal(textOf(output), 'echo: used again');
    } finally {
      source.dispose();
    }
  });

  it('cancels a hanging call at its timeout with notifications/cancelled', async () => {
    const { source } = newSource(nodeServer('fixture', fixtureServer, [], { MCP_FIXTURE_RECORD: record }));
    try {
      await source.start();
      const started = Date.now();
      await assert.rejects(source.call('hang', {}, callOptions(300)), /timed out/i);
      assert.ok(Date.now() - started < 2000);
      await waitFor(() => readRecord(record).includes('cancelled'), 'the cancellation to reach the server');
      assert.match(readRecord(record), /^cancelled \d+: .*timed out/im);
      assert.equal(source.status().state, 'ready', 'a timeout leaves the server running');
    } finally {
      source.dispose();
    }
  });

  it('sends notifications/cancelled on Stop', async () => {
    const { source } = newSource(nodeServer('fixture', fixtureServer, [], { MCP_FIXTURE_RECORD: record }));
    try {
      await source.start();
      const stop = new AbortController();
      const call = source.call('hang', {}, callOptions(30_000, stop.signal));
      await waitFor(() => readRecord(record).includes('started'), 'the call to start');
      stop.abort(new Error('Stopped by the user'));
      await assert.rejects(call, /Stopped by the user/);
      await waitFor(() => readRecord(record).includes('cancelled'), 'the cancellation to reach the server');
      assert.match(readRecord(record), /^cancelled \d+: .*Stopped by the user/m);
    } finally {
      source.dispose();
    }
  });

  it('stops a server that floods stdout without a newline, with its memory bounded', async () => {
    const { source, log } = newSource(nodeServer('fixture', fixtureServer), { limits: { maxMessageBytes: 4 * 1024 * 1024 } });
    try {
      await source.start();
      await waitFor(() => log.text().includes('fixture: ready pid'), 'the pid line');
      const pid = pidIn(log.text());
      const held = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
      const before = held();
      let peak = before;
      let lag = 0;
      let last = Date.now();
      const ticker = setInterval(() => {
        lag = Math.max(lag, Date.now() - last - 10);
        last = Date.now();
        peak = Math.max(peak, held());
      }, 10);
      const started = Date.now();
      await assert.rejects(source.call('flood-stdout', {}, callOptions(30_000)), /larger than 4 MiB/);
      clearInterval(ticker);
      console.log(`      stdout flood: stopped after ${Date.now() - started} ms; longest event-loop stall ${lag} ms; memory peak +${Math.round((peak - before) / 1024 / 1024)} MiB`);
      assert.equal(source.status().state, 'failed');
      assert.match(source.status().problem ?? '', /larger than 4 MiB .* was stopped/);
      await waitFor(() => !isAlive(pid), 'the process to be gone', 3000);
      assert.ok(lag < 1000, `the host stalled ${lag} ms`);
      assert.ok(peak - before < 64 * 1024 * 1024, `the host held ${Math.round((peak - before) / 1024 / 1024)} MiB more`);
    } finally {
      source.dispose();
    }
  });

  it('stops a server that floods stderr, logging a bounded number of lines', async () => {
    const { source, log } = newSource(nodeServer('fixture', fixtureServer));
    try {
      await source.start();
      await waitFor(() => log.text().includes('fixture: ready pid'), 'the pid line');
      const pid = pidIn(log.text());
      const started = Date.now();
      await assert.rejects(source.call('flood-stderr', {}, callOptions(30_000)), /error output/);
      console.log(`      stderr flood: stopped after ${Date.now() - started} ms with ${log.lines.length} log lines`);
      assert.match(source.status().problem ?? '', /wrote more to its error output than the log can take and was stopped/);
      assert.ok(log.lines.length <= 250, `${log.lines.length} log lines`);
      await waitFor(() => !isAlive(pid), 'the process to be gone', 3000);
    } finally {
      source.dispose();
    }
  });

  it('cuts a remote server’s body that passes the cap without a line break', async () => {
    const server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': request.url === '/events' ? 'text/event-stream' : 'application/json' });
      if (request.url === '/events') {
        // Many small events are fine however long the stream: only one event is capped.
        response.end('data: {"a":1}\n\n'.repeat(200_000));
      } else {
        response.end(`{"text":"${'z'.repeat(3 * 1024 * 1024)}"}`);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    try {
      const capped = cappedFetch(1024 * 1024);
      await assert.rejects((await capped(`${base}/json`)).text(), /larger than 1048576 bytes/);
      const events = await (await capped(`${base}/events`)).text();
      assert.equal(events.length, 'data: {"a":1}\n\n'.length * 200_000);
    } finally {
      server.close();
    }
  });

  it('takes an answer under the cap whole', async () => {
    const { source } = newSource(nodeServer('fixture', fixtureServer), { limits: { maxMessageBytes: 4 * 1024 * 1024 } });
    try {
      const output = await source.call('big', { bytes: 3 * 1024 * 1024 }, callOptions());
      assert.equal(textOf(output).length, 3 * 1024 * 1024);
    } finally {
      source.dispose();
    }
  });

  it('lists the tools again when the server says they changed', async () => {
    const { source } = newSource(nodeServer('fixture', fixtureServer));
    try {
      const before = await source.start();
      assert.ok(!before.tools.some((tool) => tool.name === 'added'));
      let changes = 0;
      source.onDidChange(() => (changes += 1));
      await source.call('add-tool', {}, callOptions());
      await waitFor(() => source.status().tools.some((tool) => tool.name === 'added'), 'the new tool');
      assert.ok(changes >= 1);
      assert.equal(textOf(await source.call('added', {}, callOptions())), 'added');
    } finally {
      source.dispose();
    }
  });
});
