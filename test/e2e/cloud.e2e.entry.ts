/**
 * Cloud providers and the team gateway set up without settings.json, end to end in code-server
 * from the built .vsix: "Set API Key → AWS Bedrock" with access keys and a region (each step
 * titled "n/5"), after which the picker lists the models a loopback Bedrock returns from its signed
 * ListFoundationModels, and a chat question is answered through a ConverseStream event stream —
 * every request's SigV4 signature recomputed with the keys typed in, a wrong one refused as AWS
 * does. The user's settings.json then holds the region and no secret. "Set API Key → LiteLLM
 * proxy" with a URL and a virtual key: the model picker's gateway group says what the key has
 * spent (the gateway's /key/info), and a gateway model answers with the key as its bearer token.
 * Each step is a test; the first failure stops the rest and leaves a screenshot and a report.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { invalidSignatureReply, signatureValid, loadChunkFixture, eventStreamHeaders } from '../core/bedrockSupport';
import { loadFixture } from '../helpers/fixtures';
import { startWireServer, type RecordedRequest, type Reply, type WireServer } from '../helpers/wireServer';
import { sendMessage, waitForChatReady, waitForMessages } from './chatView';
import { packagedVsix } from './codeServer';
import type { SeenRequest } from './openaiServer';
import { useCodeServer } from './useCodeServer';
import { pickQuickItem, quickPickEntries, quickPickSeparators, runCommand } from './workbench';

const root = process.cwd();
const awsKeys = { accessKeyId: `AKIAE2E${randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: `e2e-secret-${randomBytes(12).toString('hex')}` };
const virtualKey = `sk-e2e-gateway-${randomBytes(8).toString('hex')}`;
const bedrockModel = 'anthropic.claude-3-haiku-20240307-v1:0';
const bedrockAnswer = loadChunkFixture('converse_stream_text');
const gatewayAnswer = loadFixture('openai/chat_stream_text_usage');
const gatewayAnswerText = (JSON.parse(readFileSync(join(root, 'test/fixtures/openai/chat_stream_text_usage.json'), 'utf8')) as { expected: { text: string } }).expected.text;
const json = { 'content-type': 'application/json' };

/** Bedrock's runtime and control plane on one loopback: only requests signed with the typed-in keys get an answer. */
async function bedrockServer(): Promise<WireServer> {
  return startWireServer(async (request): Promise<Reply> => {
    if (!(await signatureValid(request, awsKeys))) {
      return invalidSignatureReply;
    }
    if (request.url.startsWith('/foundation-models')) {
      const model = { modelId: bedrockModel, modelName: 'Claude 3 Haiku', providerName: 'Anthropic', outputModalities: ['TEXT'], inferenceTypesSupported: ['ON_DEMAND'], modelLifecycle: { status: 'ACTIVE' } };
      return { status: 200, headers: json, body: JSON.stringify({ modelSummaries: [model] }) };
    }
    if (request.url.startsWith('/inference-profiles')) {
      return { status: 200, headers: json, body: JSON.stringify({ inferenceProfileSummaries: [] }) };
    }
    if (request.url.endsWith('/converse-stream')) {
      return { status: 200, headers: eventStreamHeaders, body: bedrockAnswer.body, delivery: { seed: 11, pieces: 9 } };
    }
    return { status: 404, headers: json, body: '{"message":"unknown operation"}' };
  });
}

/** The team gateway: its models' facts, the member's key, and chat completions, for the virtual key only. */
async function gatewayServer(): Promise<WireServer> {
  const modelInfo = loadFixture('litellm_proxy/model_info');
  const keyInfo = loadFixture('litellm_proxy/key_info');
  return startWireServer((request): Reply => {
    if (request.headers['authorization'] !== `Bearer ${virtualKey}`) {
      return { status: 401, headers: json, body: '{"error":{"message":"Authentication Error, invalid user key","type":"auth_error","code":"401"}}' };
    }
    if (request.url === '/v1/model/info') {
      return modelInfo.reply();
    }
    if (request.url === '/key/info') {
      return keyInfo.reply();
    }
    if (request.url.endsWith('/chat/completions')) {
      return gatewayAnswer.reply({ seed: 5, pieces: 7 });
    }
    return { status: 404, headers: json, body: '{"error":{"message":"not found"}}' };
  });
}

function seen(request: RecordedRequest): SeenRequest {
  const authorization = request.headers['authorization'];
  return { method: request.method, path: request.url, url: request.url, authorization: typeof authorization === 'string' ? authorization : undefined, headers: request.headers, rawBody: request.body, body: request.json };
}

/** Answers one titled step of a setup flow ("… (2/5)") and waits until the next step (or none) shows. */
async function answerStep(page: Page, step: string, value: string): Promise<void> {
  const title = page.locator('.quick-input-widget .quick-input-title').filter({ hasText: `(${step})` });
  await title.first().waitFor({ state: 'visible', timeout: 10_000 });
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.fill(value);
  await input.press('Enter');
  await title.first().waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('cloud providers and the team gateway set up from Set API Key, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let bedrock: WireServer | undefined;
  let gateway: WireServer | undefined;
  before(async () => {
    bedrock = await bedrockServer();
    gateway = await gatewayServer();
  });
  const run = useCodeServer({
    name: 'cloud',
    // The runtime endpoint is the loopback; everything else (region, keys) comes from the setup flow.
    settings: () => ({ 'switchboard.providers': { bedrock: { baseUrl: bedrock!.url } }, 'switchboard.chat.titles': 'firstLine' }),
    extensions: () => [packagedVsix(root)],
    requests: () => [...(bedrock?.requests ?? []), ...(gateway?.requests ?? [])].map(seen),
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await bedrock?.close();
    await gateway?.close();
  });

  it('Set API Key → AWS Bedrock → Access keys: region, key id, secret, no session token; the picker then lists the models the signed list returned', async () => {
    await runCommand(workbench(), 'Switchboard: Open Chat');
    await waitForChatReady(workbench());
    await runCommand(workbench(), 'Switchboard: Set API Key');
    await pickQuickItem(workbench(), 'Bedrock', (label, description) => label === 'AWS Bedrock' || description === 'bedrock');
    await pickQuickItem(workbench(), 'Access keys', (label) => label.includes('Access keys'));
    await answerStep(workbench(), '2/5', 'us-east-1');
    await answerStep(workbench(), '3/5', awsKeys.accessKeyId);
    await answerStep(workbench(), '4/5', awsKeys.secretAccessKey);
    await answerStep(workbench(), '5/5', '');
    // No model was chosen yet: the picker opens on Bedrock's models by itself.
    const offered = await quickPickEntries(workbench(), 'Select Model');
    ok(
      offered.some((entry) => entry.description.includes(`bedrock/${bedrockModel}`)),
      `the picker offers ${JSON.stringify(offered)}; Bedrock saw ${JSON.stringify(bedrock!.requests.map((request) => `${request.method} ${request.url}`))}`,
    );
    await pickQuickItem(workbench(), 'haiku', (_label, description) => description.includes(`bedrock/${bedrockModel}`));
  });

  it('a question is answered through ConverseStream, every Bedrock request signed with the typed-in keys for us-east-1', async () => {
    const frame = await waitForChatReady(workbench());
    await sendMessage(frame, 'How many r are in strawberry?', 'Enter');
    await waitForMessages(frame, "Bedrock's recorded answer in full", (shown) => shown.length === 2 && shown[1]!.status === 'complete' && shown[1]!.text.includes('Let me count the "r"s in "strawberry"'));
    const requests = bedrock!.requests;
    const converse = requests.filter((request) => request.url.endsWith('/converse-stream'));
    deepStrictEqual(converse.map((request) => request.url), [`/model/${encodeURIComponent(bedrockModel)}/converse-stream`]);
    for (const request of requests) {
      ok(await signatureValid(request, awsKeys), `${request.method} ${request.url} is not signed with the typed-in keys`);
      ok(String(request.headers['authorization']).includes(`Credential=${awsKeys.accessKeyId}/`) && String(request.headers['authorization']).includes('/us-east-1/bedrock/aws4_request'), String(request.headers['authorization']));
    }
  });

  it("the user's settings.json holds the region and not the keys (they are in secret storage)", () => {
    const settings = readFileSync(join(run().folders.userDataDir, 'User', 'settings.json'), 'utf8');
    const providers = (JSON.parse(settings) as Record<string, Record<string, Record<string, unknown>>>)['switchboard.providers'];
    deepStrictEqual(providers?.['bedrock'], { baseUrl: bedrock!.url, region: 'us-east-1' });
    ok(!settings.includes(awsKeys.secretAccessKey) && !settings.includes(awsKeys.accessKeyId), 'a key reached settings.json');
  });

  it("Set API Key → LiteLLM proxy: URL and virtual key; the picker's gateway group says what the key spent, and a gateway model answers", async () => {
    await runCommand(workbench(), 'Switchboard: Set API Key');
    await pickQuickItem(workbench(), 'LiteLLM', (label, description) => label === 'LiteLLM proxy' || description === 'litellm_proxy');
    await answerStep(workbench(), '1/2', gateway!.url);
    await answerStep(workbench(), '2/2', virtualKey);
    await runCommand(workbench(), 'Switchboard: Select Model');
    await quickPickEntries(workbench(), 'Select Model');
    const separators = await quickPickSeparators(workbench());
    ok(
      separators.some((separator) => separator.startsWith('LiteLLM proxy') && separator.includes('ada-laptop: $12.50 spent of $100.00 (resets 2026-12-31)')),
      `separators shown: ${JSON.stringify(separators)}`,
    );
    await pickQuickItem(workbench(), 'team-claude', (_label, description) => description.includes('litellm_proxy/team-claude'));
    const frame = await waitForChatReady(workbench());
    await sendMessage(frame, 'And through the gateway?', 'Enter');
    await waitForMessages(frame, "the gateway's answer in full", (shown) => shown.length === 4 && shown[3]!.status === 'complete' && shown[3]!.text.includes(gatewayAnswerText.slice(-40)));
    const chat = gateway!.requests.filter((request) => request.url.endsWith('/chat/completions'));
    deepStrictEqual(
      chat.map((request) => [request.headers['authorization'], (request.json as { model?: unknown }).model]),
      [[`Bearer ${virtualKey}`, 'team-claude']],
    );
  });
});
