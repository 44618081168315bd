/**
 * The official "everything" test server (@modelcontextprotocol/server-everything) over stdio and
 * over Streamable HTTP on 127.0.0.1: its tools are listed, echo and get-sum answer, and the tiny
 * image reaches the tool output as an image. Prints the start time and the median call time.
 */

import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { callOptions, everythingServer, median, newSource, nodeServer, textOf } from './mcpRig';
import type { McpServerConfig } from '../../../src/shell/tools/mcp/mcpConfig';
import type { McpServerSource } from '../../../src/shell/tools/mcp/mcpServerSource';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') {
    throw new Error('no port');
  }
  return address.port;
}

async function startHttpEverything(mode: 'streamableHttp' | 'sse'): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, [everythingServer, mode], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the HTTP server did not start: ${seen}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (/listening on port|running on port/.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the HTTP server exited (${String(code)}): ${seen}`)));
  });
  return { url: `http://127.0.0.1:${port}/${mode === 'sse' ? 'sse' : 'mcp'}`, child };
}

function behavesLikeEverything(label: string, config: () => McpServerConfig, expectedTransport: string): void {
  let source: McpServerSource;
  let log: ReturnType<typeof newSource>['log'];

  before(() => {
    ({ source, log } = newSource(config()));
  });

  after(() => source.dispose());

  it('starts and lists its tools', async () => {
    const started = Date.now();
    const status = await source.start();
    console.log(`      everything (${label}): started in ${Date.now() - started} ms with ${status.tools.length} tools`);
    assert.equal(status.state, 'ready', status.problem);
    const names = status.tools.map((tool) => tool.name);
    for (const name of ['echo', 'get-sum', 'get-tiny-image']) {
      assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    }
    assert.match(log.text(), new RegExp(`\\[mcp everything\\] Started \\(${expectedTransport}\\)`));
  });

  it('answers echo and get-sum', async () => {
    const echo = await source.call('echo', { message: 'hello from the test' }, callOptions());
    assert.equal(echo.isError, false);
    assert.match(textOf(echo), /hello from the test/);
    const sum = await source.call('get-sum', { a: 19, b: 23 }, callOptions());
    assert.match(textOf(sum), /42/);
  });

  it('passes an image on as an image', async () => {
    const output = await source.call('get-tiny-image', {}, callOptions());
    const image = output.content.find((part) => part.type === 'image');
    assert.ok(image !== undefined && image.type === 'image', JSON.stringify(output.content.map((part) => part.type)));
    assert.equal(image.mimeType, 'image/png');
    assert.equal(Buffer.from(image.data, 'base64').subarray(1, 4).toString(), 'PNG');
  });

  it('takes a few milliseconds a call (the median of 20)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const started = process.hrtime.bigint();
      await source.call('get-sum', { a: i, b: 1 }, callOptions());
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    console.log(`      everything (${label}): call() to result, median of 20: ${median(times).toFixed(2)} ms`);
    assert.ok(median(times) < 1000);
  });
}

describe('MCP: the everything server', () => {
  describe('over stdio', () => {
    behavesLikeEverything('stdio', () => nodeServer('everything', everythingServer, ['stdio']), 'stdio');
  });

  describe('over Streamable HTTP on 127.0.0.1', () => {
    let http: { url: string; child: ChildProcess } | undefined;
    before(async () => {
      http = await startHttpEverything('streamableHttp');
    });
    after(() => http?.child.kill());
    behavesLikeEverything('Streamable HTTP', () => ({ name: 'everything', type: 'http', url: http?.url ?? '', headers: { 'X-Test': 'yes' } }), 'streamableHttp');
  });

  describe('over the older SSE transport, reached from type http by the fallback', () => {
    let http: { url: string; child: ChildProcess } | undefined;
    before(async () => {
      http = await startHttpEverything('sse');
    });
    after(() => http?.child.kill());
    behavesLikeEverything('SSE fallback', () => ({ name: 'everything', type: 'http', url: http?.url ?? '', headers: {} }), 'sse');
  });
});
