/**
 * Run in a fresh Node process by tls.test.ts with NODE_EXTRA_CA_CERTS set (Node reads it only at
 * start-up). Calls the HTTPS server at argv[2] twice — with Node's default trust, and with an
 * unrelated CA file from argv[3] in the settings (which makes the core pass `ca` itself, so it
 * must add NODE_EXTRA_CA_CERTS back) — and prints what each returned.
 */

import { createClient } from '../../../src/core';

async function outcome(work: () => Promise<{ choices: { message: { content?: string | null } }[] }>): Promise<string> {
  try {
    return `ok: ${(await work()).choices[0]?.message.content ?? ''}`;
  } catch (error) {
    return `failed: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function main(): Promise<void> {
  const [target = '', unrelatedCa = ''] = process.argv.slice(2);
  const call = { model: 'openai-compatible/m', api_base: `${target}/v1`, messages: [{ role: 'user' as const, content: 'hi' }], num_retries: 0 };
  const plain = createClient({ env: process.env });
  const withCaFile = createClient({ env: process.env, providerSettings: () => ({ network: { caCertificates: [unrelatedCa] } }) });
  const result = {
    defaultTrust: await outcome(() => plain.completion(call)),
    withCaFileSetting: await outcome(() => withCaFile.completion(call)),
  };
  await Promise.all([plain.close(), withCaFile.close()]);
  process.stdout.write(JSON.stringify(result));
}

void main();
