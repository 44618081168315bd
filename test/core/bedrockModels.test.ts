/**
 * Bedrock's model list through ListFoundationModels: a signed GET /foundation-models (checked by
 * the loopback server), the ACTIVE on-demand text and embedding models kept, the control-plane
 * host derived from the runtime's. The answer has the shape of AWS's API reference for
 * ListFoundationModels (`modelSummaries`), with real model ids.
 */

import assert from 'node:assert/strict';
import { controlPlaneBase } from '../../src/core/providers/bedrock/models';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest } from '../helpers/wireServer';
import { accessKeyId, region, secretAccessKey, signed } from './bedrockSupport';

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
    const request = server.requests[0] as RecordedRequest;
    assert.equal(request.method, 'GET');
    assert.equal(request.url, '/foundation-models');
    assert.match(String(request.headers['authorization']), new RegExp(`Credential=${accessKeyId}/\\d{8}/${region}/bedrock/aws4_request`));
  });

  it('the control plane is the runtime host without -runtime; a custom endpoint serves both', () => {
    const target = (endpoint: string) => ({ endpoint, region, auth: { kind: 'bearer' as const, token: 't' } });
    assert.equal(controlPlaneBase(target('https://bedrock-runtime.eu-west-3.amazonaws.com')), 'https://bedrock.eu-west-3.amazonaws.com');
    assert.equal(controlPlaneBase(target('https://bedrock-runtime-fips.us-east-1.amazonaws.com')), 'https://bedrock-fips.us-east-1.amazonaws.com');
    assert.equal(controlPlaneBase(target('https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com')), 'https://vpce-0abc.bedrock-runtime.us-east-1.vpce.amazonaws.com');
  });
});
