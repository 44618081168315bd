/**
 * Cloud providers and the team gateway set up without settings.json, end to end in code-server
 * from the built .vsix: "Set API Key → AWS Bedrock" with access keys and a region (each step
 * titled "n/5"), after which the picker lists the models a loopback Bedrock returns from its signed
 * ListFoundationModels, and a chat question is answered through a ConverseStream event stream —
 * every request's SigV4 signature recomputed with the keys typed in, a wrong one refused as AWS
 * does. The user's settings.json then holds the region and no secret. "Set API Key → LiteLLM
 * proxy" with a URL and a virtual key: the gateway's models in the picker say what the key has
 * spent (the gateway's /key/info), and a gateway model answers with the key as its bearer token.
 * "Set API Key → Vertex AI" with a service-account key file picked in the file dialog: a Gemini
 * answer signed in through a loopback token endpoint that checks the file's signed assertion.
 * Each step is a test; the first failure stops the rest and leaves a screenshot and a report.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { invalidSignatureReply, signatureValid, loadChunkFixture, eventStreamHeaders } from '../core/bedrockSupport';
import { saEmail, saProject, signedInAccount, vertexResponder, type ServiceAccount, type TokenEndpoint } from '../core/vertexHelpers';
import { loadFixture } from '../helpers/fixtures';
import type { Harness } from '../helpers/llmHarness';
import { startWireServer, type RecordedRequest, type Reply, type WireServer } from '../helpers/wireServer';
import { sendMessage, waitForChatReady, waitForMessages } from './chatView';
import { packagedVsix } from './codeServer';
import type { SeenRequest } from './openaiServer';
import { useCodeServer } from './useCodeServer';
import { answerStep } from './stepInput';
import { pickQuickItem, quickPickEntries, runCommand, type QuickPickEntry } from './workbench';

const root = process.cwd();
const awsKeys = { accessKeyId: `AKIAE2E${randomBytes(6).toString('hex').toUpperCase()}`, secretAccessKey: `e2e-secret-${randomBytes(12).toString('hex')}` };
const virtualKey = `sk-e2e-gateway-${randomBytes(8).toString('hex')}`;
const bedrockModel = 'anthropic.claude-3-haiku-20240307-v1:0';
const bedrockAnswer = loadChunkFixture('converse_stream_text');
const gatewayAnswer = loadFixture('openai/chat_stream_text_usage');
const gatewayAnswerText = (JSON.parse(readFileSync(join(root, 'test/fixtures/openai/chat_stream_text_usage.json'), 'utf8')) as { expected: { text: string } }).expected.text;
const json = { 'content-type': 'application/json' };
const vertexAnswer = loadFixture('gemini/stream_generate_content_text');

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

/** Google's side for Vertex: a token endpoint that checks the key file's signed assertion, and a Vertex stand-in that takes only its tokens. */
async function googleServers(): Promise<{ tokens: TokenEndpoint; vertex: WireServer; account: ServiceAccount; servers: WireServer[] }> {
  const servers: WireServer[] = [];
  // The helpers take a test harness for their servers; here the scenario owns them and closes them at the end.
  const serverHost = { server: async (respond: Parameters<typeof startWireServer>[0]) => servers[servers.push(await startWireServer(respond)) - 1] as WireServer } as unknown as Harness;
  const { tokens, account } = await signedInAccount(serverHost);
  const vertex = await startWireServer(vertexResponder(() => tokens.issued, () => vertexAnswer.reply({ seed: 3, pieces: 5 })));
  servers.push(vertex);
  return { tokens, vertex, account, servers };
}

function seen(request: RecordedRequest): SeenRequest {
  const authorization = request.headers['authorization'];
  return { method: request.method, path: request.url, url: request.url, authorization: typeof authorization === 'string' ? authorization : undefined, headers: request.headers, rawBody: request.body, body: request.json };
}

describe('cloud providers and the team gateway set up from Set API Key, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let bedrock: WireServer | undefined;
  let gateway: WireServer | undefined;
  let google: Awaited<ReturnType<typeof googleServers>> | undefined;
  before(async () => {
    bedrock = await bedrockServer();
    gateway = await gatewayServer();
    google = await googleServers();
  });
  const run = useCodeServer({
    name: 'cloud',
    // The runtime endpoint is the loopback; everything else (region, keys) comes from the setup flow.
    settings: () => ({ 'switchboard.providers': { bedrock: { baseUrl: bedrock!.url }, vertex_ai: { baseUrl: google!.vertex.url } }, 'switchboard.chat.titles': 'firstLine' }),
    extensions: () => [packagedVsix(root)],
    requests: () => [...(bedrock?.requests ?? []), ...(gateway?.requests ?? []), ...(google?.servers ?? []).flatMap((server) => server.requests)].map(seen),
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await bedrock?.close();
    await gateway?.close();
    await Promise.all((google?.servers ?? []).map((server) => server.close()));
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
    deepStrictEqual(providers?.['vertex_ai'], { baseUrl: google!.vertex.url });
    ok(!settings.includes(awsKeys.secretAccessKey) && !settings.includes(awsKeys.accessKeyId), 'a key reached settings.json');
  });

  it("Set API Key → LiteLLM proxy: URL and virtual key; the picker's gateway models say what the key spent, and a gateway model answers", async () => {
    await runCommand(workbench(), 'Switchboard: Set API Key');
    await pickQuickItem(workbench(), 'LiteLLM', (label, description) => label === 'LiteLLM proxy' || description === 'litellm_proxy');
    await answerStep(workbench(), '1/2', gateway!.url);
    await answerStep(workbench(), '2/2', virtualKey);
    await runCommand(workbench(), 'Switchboard: Select Model');
    await quickPickEntries(workbench(), 'Select Model');
    // The picker fills in once the model lists are made (the gateway's is new): read the gateway's rows until they show.
    await workbench().locator('.quick-input-widget .quick-input-box input').fill('litellm_proxy/');
    let gatewayRows: QuickPickEntry[] = [];
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await workbench().waitForTimeout(200)) {
      gatewayRows = (await quickPickEntries(workbench(), 'Select Model')).filter((entry) => entry.description.startsWith('litellm_proxy/'));
      if (gatewayRows.length > 0) {
        break;
      }
    }
    ok(
      gatewayRows.length >= 2 && gatewayRows.every((entry) => entry.detail.includes('Your gateway key ada-laptop: $12.50 spent of $100.00 (resets 2026-12-31)')),
      `the gateway's rows: ${JSON.stringify(gatewayRows)}`,
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

  it('Set API Key → Vertex AI → a service-account key file chosen in the file dialog, its project, a location; a Gemini answer signed in with the file', async () => {
    // In the workspace folder: where the file dialog opens.
    const keyFile = join(run().folders.workspace, 'vertex-key.json');
    writeFileSync(keyFile, JSON.stringify(google!.account.json));
    await runCommand(workbench(), 'Switchboard: Set API Key');
    await pickQuickItem(workbench(), 'Vertex', (label, description) => label === 'Vertex AI' || description === 'vertex_ai');
    await pickQuickItem(workbench(), 'Service-account', (label) => label.includes('Service-account key file'));
    // code-server's file dialog is a quick input listing the folder: the file's row, then the dialog's button.
    const fileRow = workbench().locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'vertex-key.json' });
    await fileRow.first().waitFor({ state: 'visible', timeout: 10_000 });
    await fileRow.first().click();
    // Clicking a file's row accepts it (the dialog closes); should the dialog only select it, its button accepts it.
    await workbench().waitForTimeout(300);
    const useButton = workbench().locator('.quick-input-widget .monaco-button').filter({ hasText: 'Use This Key File' });
    if (await useButton.first().isVisible()) {
      await useButton.first().click({ timeout: 2_000 }).catch(() => undefined);
    }
    await answerStep(workbench(), '2/3', saProject);
    await answerStep(workbench(), '3/3', 'europe-west4');
    await runCommand(workbench(), 'Switchboard: Select Model');
    await pickQuickItem(workbench(), 'vertex_ai/gemini-2.5-flash', (_label, description) => description.startsWith('vertex_ai/gemini-2.5-flash '));
    const frame = await waitForChatReady(workbench());
    await sendMessage(frame, 'And on Vertex?', 'Enter');
    await waitForMessages(frame, "Vertex's answer in full", (shown) => shown.length === 6 && shown[5]!.status === 'complete' && shown[5]!.text.includes('The capital of France is Paris.'));
    const calls = google!.vertex.requests;
    deepStrictEqual(
      calls.map((request) => [request.url, request.headers['authorization']]),
      [[`/v1/projects/${saProject}/locations/europe-west4/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse`, `Bearer ${google!.tokens.issued[0] ?? '(none issued)'}`]],
    );
    deepStrictEqual(google!.tokens.claims.map((claims) => claims['iss']), [saEmail]);
    const settings = readFileSync(join(run().folders.userDataDir, 'User', 'settings.json'), 'utf8');
    ok(!settings.includes('PRIVATE KEY'), 'the key file reached settings.json');
    deepStrictEqual((JSON.parse(settings) as Record<string, Record<string, unknown>>)['switchboard.providers']?.['vertex_ai'], { baseUrl: google!.vertex.url, project: saProject, location: 'europe-west4' });
  });
});
