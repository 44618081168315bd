/**
 * Run in a fresh Node process by boundary.test.ts: reports whether undici was loaded after
 * importing the core, after an offline (mock) call, after preparing a model (nothing sent) and
 * after a real HTTP call — and whether undici's fetch came with it (the transport loads only the
 * dispatchers it uses).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

function undiciLoaded(part = ''): boolean {
  return Object.keys(require.cache).some((path) => path.includes(`${'node_modules'}/undici/${part}`));
}

async function main(): Promise<void> {
  const core = await import('../../../src/core');
  const afterImport = undiciLoaded();
  const client = core.createClient({ env: {} });
  await client.completion({ model: 'mock/echo', messages: [{ role: 'user', content: 'hi' }] });
  const afterOfflineCall = undiciLoaded();
  await client.prepare('openai-compatible/m');
  const afterPrepare = undiciLoaded();
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await client.completion({ model: 'openai-compatible/m', api_base: `http://127.0.0.1:${port}/v1`, messages: [{ role: 'user', content: 'hi' }] });
  const afterHttpCall = undiciLoaded();
  const fetchLoaded = undiciLoaded('lib/web/fetch');
  await client.close();
  server.close();
  process.stdout.write(JSON.stringify({ afterImport, afterOfflineCall, afterPrepare, afterHttpCall, fetchLoaded }));
}

void main();
