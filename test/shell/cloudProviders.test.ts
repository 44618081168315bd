/**
 * Bedrock and Vertex AI as the extension configures them: `switchboard.providers.<id>`'s region,
 * profile, project and location, credentials in the key store (SecretStorage), what reaches the
 * wire (signed by the stored keys, checked by the SigV4-verifying loopback), when the picker
 * offers them, and the settings the setup flows write (only the provider's own entry changed).
 */

import assert from 'node:assert/strict';
import { formatMessage, type Localize } from '../../src/shell/chat/localize';
import { awsKeysText, cloudOptionsFor, readAwsKeys, summarizeGoogleCredentials } from '../../src/shell/cloudSettings';
import { readConfig } from '../../src/shell/config';
import { patchedProviders } from '../../src/shell/providerSettingsPatch';
import { KeyStore } from '../../src/shell/secrets';
import type { RecordedRequest } from '../helpers/wireServer';
import { useShellHarness } from '../helpers/shellHarness';
import { accessKeyId, invalidSignatureReply, region, secretAccessKey, signatureValid } from '../core/bedrockSupport';
import { MemorySecrets, settingsSource } from './shellFakes';

const keys = { accessKeyId, secretAccessKey };

/** ListFoundationModels with one on-demand model; no inference profiles. */
function controlPlane(request: RecordedRequest): { status: number; headers: Record<string, string>; body: string } {
  const json = { 'content-type': 'application/json' };
  if (request.url.startsWith('/foundation-models')) {
    const model = { modelId: 'anthropic.claude-3-haiku-20240307-v1:0', modelName: 'Claude 3 Haiku', providerName: 'Anthropic', outputModalities: ['TEXT'], inferenceTypesSupported: ['ON_DEMAND'], modelLifecycle: { status: 'ACTIVE' } };
    return { status: 200, headers: json, body: JSON.stringify({ modelSummaries: [model] }) };
  }
  if (request.url.startsWith('/inference-profiles')) {
    return { status: 200, headers: json, body: JSON.stringify({ inferenceProfileSummaries: [] }) };
  }
  return { status: 404, headers: json, body: '{"message":"not found"}' };
}

describe('cloud providers in the extension', () => {
  const shells = useShellHarness();

  it('settings: region, profile, project and location are read for their provider only, checked, never for another', () => {
    const { config, problems } = readConfig(
      settingsSource({
        providers: {
          bedrock: { region: 'eu-central-1', profile: 'team-sso', project: 'x' },
          vertex: { project: 'my-project-42', location: 'global' },
          openai: { region: 'us-east-1' },
          vertex_ai_beta: { location: 'Not A Location' },
        },
      }),
    );
    assert.deepStrictEqual([config.providers['bedrock']?.region, config.providers['bedrock']?.profile, config.providers['bedrock']?.project], ['eu-central-1', 'team-sso', undefined]);
    assert.deepStrictEqual([config.providers['vertex_ai']?.project, config.providers['vertex_ai']?.location], ['my-project-42', 'global']);
    assert.equal(config.providers['openai']?.region, undefined);
    assert.deepStrictEqual(problems.filter((problem) => /region|project|location/.test(problem)), [
      'switchboard.providers.bedrock.project is read for vertex_ai only; ignored.',
      'switchboard.providers.openai.region is read for bedrock only; ignored.',
      "switchboard.providers.vertex_ai_beta.location: 'Not A Location' is not a valid location; ignored.",
    ]);
  });

  it('the call options: stored keys over a profile, the credentials JSON as text; nothing for other providers', () => {
    assert.deepStrictEqual(cloudOptionsFor('bedrock', { region: 'us-east-1', profile: 'dev' }, awsKeysText({ ...keys, sessionToken: 'tok' })), {
      aws_region_name: 'us-east-1',
      aws_access_key_id: accessKeyId,
      aws_secret_access_key: secretAccessKey,
      aws_session_token: 'tok',
    });
    assert.deepStrictEqual(cloudOptionsFor('bedrock', { profile: 'dev' }, undefined), { aws_profile_name: 'dev' });
    assert.deepStrictEqual(cloudOptionsFor('bedrock', { profile: 'dev' }, 'not json'), { aws_profile_name: 'dev' });
    assert.deepStrictEqual(cloudOptionsFor('vertex_ai', { project: 'p-123456', location: 'global' }, '{"type":"service_account"}'), {
      vertex_project: 'p-123456',
      vertex_location: 'global',
      vertex_credentials: '{"type":"service_account"}',
    });
    assert.equal(cloudOptionsFor('openai', { region: 'us-east-1' }, 'x'), undefined);
    assert.deepStrictEqual(readAwsKeys(awsKeysText(keys)), keys);
  });

  it('a credentials file is checked before it is stored: what it is, never its secret', () => {
    const account = JSON.stringify({ type: 'service_account', project_id: 'proj-1', client_email: 'a@proj-1.iam.gserviceaccount.com', private_key: '-----BEGIN PRIVATE KEY-----\nX\n-----END PRIVATE KEY-----\n' });
    assert.deepStrictEqual(summarizeGoogleCredentials(account, formatMessage), { type: 'service_account', account: 'a@proj-1.iam.gserviceaccount.com', project: 'proj-1' });
    assert.deepStrictEqual(summarizeGoogleCredentials('{"type":"authorized_user","quota_project_id":"q-project"}', formatMessage), { type: 'authorized_user', project: 'q-project' });
    // Each refusal is one whole sentence through the setup's localize (`vscode.l10n.t`).
    const marked: Localize = (message, ...args) => `⟦${formatMessage(message, ...args)}⟧`;
    assert.deepStrictEqual(
      ['{"type":"service_account","client_email":"a@b"}', '{"installed":{}}', '{"type":"oauth_client"}', '[1]'].map((text) => summarizeGoogleCredentials(text, marked)),
      [
        '⟦The service-account file lacks its client_email or private_key.⟧',
        '⟦The file is not a Google Cloud credentials file (its "type" is missing).⟧',
        '⟦The file is not a Google Cloud credentials file (its "type" is "oauth_client").⟧',
        '⟦The file is not a JSON object.⟧',
      ],
    );
  });

  it('the setup writes one entry of the user\'s providers, under the alias the user chose, and drops an emptied one', () => {
    const current = { openai: { baseUrl: 'https://x/v1' }, vertex: { location: 'us-east5', models: ['gemini-2.5-pro'] }, bedrock: { profile: 'dev' } };
    assert.deepStrictEqual(patchedProviders(current, 'vertex_ai', { project: 'p-123456', location: 'global' }), {
      openai: { baseUrl: 'https://x/v1' },
      vertex: { location: 'global', models: ['gemini-2.5-pro'], project: 'p-123456' },
      bedrock: { profile: 'dev' },
    });
    assert.deepStrictEqual(patchedProviders(current, 'bedrock', { profile: undefined }), { openai: { baseUrl: 'https://x/v1' }, vertex: { location: 'us-east5', models: ['gemini-2.5-pro'] } });
    assert.deepStrictEqual(patchedProviders(undefined, 'litellm_proxy', { baseUrl: 'https://gw' }), { litellm_proxy: { baseUrl: 'https://gw' } });
  });

  it('the key store keeps cloud credentials beside the key: one owner, listed once, cleared together', async () => {
    const secrets = new MemorySecrets();
    const store = new KeyStore(secrets);
    const changes: string[] = [];
    store.onDidChange((owner) => changes.push(owner));
    await store.set('bedrock', 'bedrock-api-key');
    await store.setCloudCredentials('bedrock', awsKeysText(keys));
    const listed = await store.owners();
    await store.clearKey('bedrock');
    const afterKey = [await store.get('bedrock'), await store.getCloudCredentials('bedrock')];
    await store.clear('bedrock');
    assert.deepStrictEqual(
      { listed, afterKey, afterClear: [...secrets.values.keys()], changes },
      // The last clear deletes both secrets (the backend reports each delete): five changes.
      { listed: ['bedrock'], afterKey: [undefined, awsKeysText(keys)], afterClear: [], changes: ['bedrock', 'bedrock', 'bedrock', 'bedrock', 'bedrock'] },
    );
    store.dispose();
  });

  it('Bedrock with stored keys and a region: offered in the picker, its list signed with those keys', async () => {
    const listing = await shells.server(async (request) => ((await signatureValid(request, keys)) ? controlPlane(request) : invalidSignatureReply));
    const setup = shells.models({ settings: { providers: { bedrock: { region, baseUrl: listing.url } } } });
    await setup.keys.setCloudCredentials('bedrock', awsKeysText(keys));
    await setup.models.whenListed();
    const listed = setup.models.options().filter((option) => option.provider === 'AWS Bedrock').map((option) => option.id);
    const listRequest = listing.requests.find((request) => request.url.startsWith('/foundation-models'));
    assert.deepStrictEqual(listed, ['bedrock/anthropic.claude-3-haiku-20240307-v1:0']);
    assert.match(String(listRequest?.headers['authorization']), new RegExp(`Credential=${accessKeyId}/\\d{8}/${region}/bedrock/aws4_request`));
  });

  it('unconfigured cloud providers are not offered (no probing for AWS or Google credentials); their environment offers them', async () => {
    const bare = shells.models({ settings: {} });
    await bare.models.whenListed();
    const providers = new Set(bare.models.options().map((option) => option.provider));
    const withEnv = shells.models({ settings: {}, env: { VERTEXAI_PROJECT: 'env-project-1' } });
    await withEnv.models.whenListed();
    const vertex = withEnv.models.options().filter((option) => option.provider === 'Vertex AI');
    assert.deepStrictEqual([providers.has('AWS Bedrock'), providers.has('Vertex AI')], [false, false]);
    assert.ok(vertex.some((option) => option.id.startsWith('vertex_ai/gemini')), JSON.stringify(vertex.slice(0, 3)));
  });
});
