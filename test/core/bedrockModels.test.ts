/**
 * Bedrock's model list through ListFoundationModels: a signed GET /foundation-models (checked by
 * the loopback server), the ACTIVE on-demand text and embedding models kept, the control-plane
 * host derived from the runtime's. The answer has the shape of AWS's API reference for
 * ListFoundationModels (`modelSummaries`), with real model ids. ListInferenceProfiles from
 * composed pages (grade E, test/fixtures/bedrock/list_inference_profiles_*): both types asked
 * for, `nextToken` followed, the profiles merged with the foundation models, a 403 on profiles
 * leaving the foundation models, and a profile id's catalogue facts.
 */

import assert from 'node:assert/strict';
import { getModelInfo } from '../../src/core';
import type { Logger } from '../../src/core/logger';
import { controlPlaneBase } from '../../src/core/providers/bedrock/models';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, Reply, WireServer } from '../helpers/wireServer';
import { accessKeyId, loadJsonFixture, region, secretAccessKey, signed } from './bedrockSupport';

function summary(modelId: string, providerName: string, modelName: string, output: string[], inference: string[], status = 'ACTIVE'): Record<string, unknown> {
  return {
    modelArn: `arn:aws:bedrock:${region}::foundation-model/${modelId}`,
    modelId,
    modelName,
    providerName,
    inputModalities: ['TEXT'],
    outputModalities: output,
    responseStreamingSupported: output.includes('TEXT'),
    customizationsSupported: [],
    inferenceTypesSupported: inference,
    modelLifecycle: { status },
  };
}

describe('Bedrock wire: ListFoundationModels', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  it('a signed GET /foundation-models; ACTIVE on-demand text and embedding models listed, the rest left out', async () => {
    const body = {
      modelSummaries: [
        summary('amazon.nova-lite-v1:0', 'Amazon', 'Nova Lite', ['TEXT'], ['ON_DEMAND']),
        summary('amazon.titan-embed-text-v2:0', 'Amazon', 'Titan Text Embeddings V2', ['EMBEDDING'], ['ON_DEMAND']),
        summary('anthropic.claude-sonnet-4-20250514-v1:0', 'Anthropic', 'Claude Sonnet 4', ['TEXT'], ['INFERENCE_PROFILE']),
        summary('anthropic.claude-v2', 'Anthropic', 'Claude', ['TEXT'], ['ON_DEMAND'], 'LEGACY'),
        summary('stability.sd3-5-large-v1:0', 'Stability AI', 'Stable Diffusion 3.5 Large', ['IMAGE'], ['ON_DEMAND']),
      ],
    };
    const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    const models = await harness.client().listModels('bedrock', { aws_access_key_id: accessKeyId, aws_secret_access_key: secretAccessKey, aws_region_name: region, aws_bedrock_runtime_endpoint: server.url });
    const fromProvider = models.filter((model) => model.source === 'provider');
    assert.deepStrictEqual(
      fromProvider.map((model) => [model.id, model.display_name, model.owned_by]),
      [
        ['bedrock/amazon.nova-lite-v1:0', 'Amazon Nova Lite', 'Amazon'],
        ['bedrock/amazon.titan-embed-text-v2:0', 'Amazon Titan Text Embeddings V2', 'Amazon'],
      ],
    );
    const request = server.requests.find((received) => received.url === '/foundation-models') as RecordedRequest;
    assert.equal(request.method, 'GET');
    assert.match(String(request.headers['authorization']), new RegExp(`Credential=${accessKeyId}/\\d{8}/${region}/bedrock/aws4_request`));
  });

  it('the control plane is the runtime host without -runtime; a custom endpoint serves both', () => {
    const target = (endpoint: string) => ({ endpoint, region, auth: { kind: 'bearer' as const, token: 't' } });
    assert.equal(controlPlaneBase(target('https://bedrock-runtime.eu-west-3.amazonaws.com')), 'https://bedrock.eu-west-3.amazonaws.com');
    assert.equal(controlPlaneBase(target('https://bedrock-runtime-fips.us-east-1.amazonaws.com')), 'https://bedrock-fips.us-east-1.amazonaws.com');
    assert.equal(controlPlaneBase(target('https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com')), 'https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com');
  });
});

const jsonReply = (body: string): Reply => ({ status: 200, headers: { 'content-type': 'application/json' }, body });

/** AWS's answer to a caller whose policy lacks the action (the body and error type ListInferenceProfiles documents). */
const accessDenied: Reply = {
  status: 403,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException:http://internal.amazon.com/coral/com.amazon.coral.service/' },
  body: JSON.stringify({ message: `User: arn:aws:iam::123456789012:user/switchboard is not authorized to perform: bedrock:ListInferenceProfiles because no identity-based policy allows the bedrock:ListInferenceProfiles action` }),
};

const foundationBody = JSON.stringify({
  modelSummaries: [
    summary('amazon.nova-lite-v1:0', 'Amazon', 'Nova Lite', ['TEXT'], ['ON_DEMAND', 'INFERENCE_PROFILE']),
    summary('anthropic.claude-sonnet-4-20250514-v1:0', 'Anthropic', 'Claude Sonnet 4', ['TEXT'], ['INFERENCE_PROFILE']),
    summary('anthropic.claude-sonnet-4-5-20250929-v1:0', 'Anthropic', 'Claude Sonnet 4.5', ['TEXT'], ['INFERENCE_PROFILE']),
    summary('stability.sd3-5-large-v1:0', 'Stability AI', 'Stable Diffusion 3.5 Large', ['IMAGE'], ['INFERENCE_PROFILE']),
  ],
});

/** The control plane: the foundation models, and the profiles by `type` and page (or `profiles` for every profile request). */
function controlPlane(profiles?: Reply): (request: RecordedRequest) => Promise<Reply> {
  return async (request) => {
    const url = new URL(request.url, 'http://loopback');
    let reply: Reply = { status: 404, body: '' };
    if (url.pathname === '/foundation-models') {
      reply = jsonReply(foundationBody);
    } else if (url.pathname === '/inference-profiles') {
      const page = url.searchParams.get('type') === 'APPLICATION' ? 'list_inference_profiles_application' : url.searchParams.has('nextToken') ? 'list_inference_profiles_system_page2' : 'list_inference_profiles_system';
      reply = profiles ?? jsonReply(loadJsonFixture(page).body);
    }
    return signed(reply)(request);
  };
}

function awsParams(server: WireServer): Record<string, string> {
  return { aws_access_key_id: accessKeyId, aws_secret_access_key: secretAccessKey, aws_region_name: region, aws_bedrock_runtime_endpoint: server.url };
}

describe('Bedrock wire: ListInferenceProfiles merged with ListFoundationModels', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  it('both profile types asked for, the nextToken followed, each ACTIVE profile listed by the id a call names it by', async () => {
    const server = await harness.server(controlPlane());
    const models = await harness.client().listModels('bedrock', awsParams(server));
    assert.deepStrictEqual(
      models.filter((model) => model.source === 'provider').map((model) => [model.id, model.display_name, model.owned_by]),
      [
        ['bedrock/amazon.nova-lite-v1:0', 'Amazon Nova Lite', 'Amazon'],
        ['bedrock/arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6', 'team-chat-sonnet', 'Anthropic'],
        ['bedrock/global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'Global Claude Sonnet 4.5', 'Anthropic'],
        ['bedrock/us.amazon.nova-lite-v1:0', 'US Nova Lite', 'Amazon'],
        ['bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0', 'US Claude Sonnet 4', 'Anthropic'],
      ],
    );
    // Every request reached the wire signed (an unsigned one would have been answered 403).
    assert.deepStrictEqual(server.requests.map((request) => `${request.method} ${request.url}`).sort(), [
      'GET /foundation-models',
      'GET /inference-profiles?maxResults=1000&type=APPLICATION',
      'GET /inference-profiles?maxResults=1000&type=SYSTEM_DEFINED',
      'GET /inference-profiles?maxResults=1000&type=SYSTEM_DEFINED&nextToken=eyJwYWdlIjoyfQ%2B%2F%3D',
    ]);
  });

  it('a 403 AccessDenied on ListInferenceProfiles leaves the foundation models listed and logs why', async () => {
    const server = await harness.server(controlPlane(accessDenied));
    const warnings: string[] = [];
    const logger: Logger = { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: (message) => warnings.push(message), error: () => undefined };
    const models = await harness.client({ logger }).listModels('bedrock', awsParams(server));
    assert.deepStrictEqual(
      models.filter((model) => model.source === 'provider').map((model) => model.id),
      ['bedrock/amazon.nova-lite-v1:0'],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /inference profiles not listed.*not authorized to perform: bedrock:ListInferenceProfiles/);
  });

  it("a profile id without a row of its own answers with its model's Bedrock row, else its vendor's, the geography prefix dropped", async () => {
    const server = await harness.server(controlPlane());
    const models = await harness.client().listModels('bedrock', awsParams(server));
    const sonnet = models.find((model) => model.id === 'bedrock/us.anthropic.claude-sonnet-4-20250514-v1:0');
    const bare = getModelInfo('bedrock/anthropic.claude-sonnet-4-20250514-v1:0');
    assert.equal(bare.known, true);
    assert.equal(sonnet?.info.known, true);
    assert.equal(sonnet?.info.max_input_tokens, bare.max_input_tokens);
    assert.equal(sonnet?.info.input_cost_per_token, bare.input_cost_per_token);
    for (const id of ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'global.anthropic.claude-sonnet-4-20250514-v1:0', 'eu.anthropic.claude-sonnet-4-20250514-v1:0', 'apac.anthropic.claude-sonnet-4-20250514-v1:0', 'us-gov.anthropic.claude-sonnet-4-20250514-v1:0', 'anthropic.claude-sonnet-4-20250514-v1:0']) {
      const info = getModelInfo(`bedrock/${id}`);
      assert.equal(info.known, true, id);
      assert.equal(info.key, 'bedrock/anthropic.claude-sonnet-4-20250514-v1:0', id);
      assert.equal(info.litellm_provider, 'bedrock', id);
    }
    // No Bedrock row (Claude 3 Haiku is left out of the catalogue's Bedrock rows): Anthropic's own.
    const haiku = getModelInfo('bedrock/us.anthropic.claude-3-haiku-20240307-v1:0');
    assert.deepStrictEqual([haiku.known, haiku.key, haiku.litellm_provider], [true, 'anthropic/claude-3-haiku-20240307', 'bedrock']);
    // A prefix LiteLLM does not strip, and a model the catalogue does not know, stay unknown.
    assert.equal(getModelInfo('bedrock/xx.anthropic.claude-sonnet-4-20250514-v1:0').known, false);
    assert.equal(getModelInfo('bedrock/us.meta.llama9-unknown-v1:0').known, false);
  });
});
