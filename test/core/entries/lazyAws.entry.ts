/**
 * Run in a fresh Node process by bedrockWire.test.ts: reports whether the AWS libraries
 * (`@smithy/*`, `@aws-crypto/*`, `@aws-sdk/*`) were loaded after importing the core, after an
 * HTTP call to another provider, and after a Bedrock call.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

function awsLoaded(): boolean {
  return Object.keys(require.cache).some((path) => /node_modules\/@(smithy|aws-crypto|aws-sdk)\//.test(path));
}

async function main(): Promise<void> {
  const core = await import('../../../src/core');
  const afterImport = awsLoaded();
  const converse = readFileSync(join(process.cwd(), 'test', 'fixtures', 'bedrock', 'converse_tool_use.body'), 'utf8');
  const openai = JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'm', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] });
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(request.url?.startsWith('/model/') === true ? converse : openai);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = core.createClient({ env: {} });
  await client.completion({ model: 'openai-compatible/m', api_base: `${base}/v1`, messages: [{ role: 'user', content: 'hi' }] });
  const afterOtherCall = awsLoaded();
  await client.completion({
    model: 'bedrock/amazon.nova-lite-v1:0',
    aws_access_key_id: 'AKIDLAZYLOADTEST0001',
    aws_secret_access_key: 'lazy-load-SECRET-0000',
    aws_region_name: 'us-east-1',
    aws_bedrock_runtime_endpoint: base,
    messages: [{ role: 'user', content: 'hi' }],
  });
  const afterBedrockCall = awsLoaded();
  await client.close();
  server.close();
  process.stdout.write(JSON.stringify({ afterImport, afterOtherCall, afterBedrockCall }));
}

void main();
