/**
 * `client.testConnection('bedrock')` against a loopback server that checks each request's SigV4
 * signature as AWS does: the settings step names the credentials' source and region (never a
 * secret), the model list is a signed ListFoundationModels, and a wrong secret fails the auth step
 * with AWS's own message.
 */

import assert from 'node:assert/strict';
import { unusedPort, useHarness } from '../helpers/llmHarness';
import { accessKeyId, region, secretAccessKey, signed } from './bedrockSupport';
import { portOf, shape } from './diagnoseHelpers';

const listing = {
  modelSummaries: [
    {
      modelArn: `arn:aws:bedrock:${region}::foundation-model/amazon.nova-lite-v1:0`,
      modelId: 'amazon.nova-lite-v1:0',
      modelName: 'Nova Lite',
      providerName: 'Amazon',
      inputModalities: ['TEXT'],
      outputModalities: ['TEXT'],
      inferenceTypesSupported: ['ON_DEMAND'],
      modelLifecycle: { status: 'ACTIVE' },
    },
  ],
};

describe('testConnection for AWS Bedrock', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  const answer = signed({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(listing) });

  it('keys passed with the call: the source and region are named, ListFoundationModels is signed and answered', async () => {
    const server = await harness.server(answer);
    const report = await harness.client().testConnection('bedrock', { aws_access_key_id: accessKeyId, aws_secret_access_key: secretAccessKey, aws_region_name: region, aws_bedrock_runtime_endpoint: server.url });
    const port = portOf(server.url);
    assert.deepStrictEqual(shape(report, { [port]: 'PORT' }), {
      url: 'http://127.0.0.1:PORT',
      ok: true,
      steps: [
        ['settings', 'passed', 'Requests for AWS Bedrock go to http://127.0.0.1:PORT directly (no proxy configured).', 'Plain HTTP: no certificates involved. Credentials: AWS keys passed with the call (aws_access_key_id), signed with SigV4; region us-east-1.'],
        ['proxy', 'skipped', 'No proxy: no proxy configured.'],
        ['dns', 'passed', '127.0.0.1 is an IP address: there is no name to look up.'],
        ['tcp', 'passed', 'Connected to 127.0.0.1:PORT in N ms.'],
        ['tls', 'skipped', 'Plain HTTP: no TLS.'],
        ['http', 'passed', 'AWS Bedrock answered the model list request in N ms (1 model).'],
        ['auth', 'passed', 'AWS Bedrock accepted the credentials.'],
      ],
    });
    // The model list is ListFoundationModels with ListInferenceProfiles (both types) beside it.
    assert.deepStrictEqual(server.requests.map((request) => `${request.method} ${request.url}`).sort(), [
      'GET /foundation-models',
      'GET /inference-profiles?maxResults=1000&type=APPLICATION',
      'GET /inference-profiles?maxResults=1000&type=SYSTEM_DEFINED',
    ]);
    assert.ok(!JSON.stringify(report).includes(secretAccessKey), 'the report never holds the secret');
  });

  it('a wrong secret: AWS answers 403 and the auth step fails with its message', async () => {
    const server = await harness.server(answer);
    const report = await harness.client().testConnection('bedrock', { aws_access_key_id: accessKeyId, aws_secret_access_key: 'wrong-secret-0000', aws_region_name: region, aws_bedrock_runtime_endpoint: server.url });
    const steps = shape(report).steps.slice(-2);
    assert.equal(report.ok, false);
    assert.deepStrictEqual(steps[0], ['http', 'passed', 'AWS Bedrock answered 403 to the model list request.']);
    assert.deepStrictEqual(steps[1]?.slice(0, 3), ['auth', 'failed', 'AWS Bedrock rejected the credentials (403).']);
    assert.match(steps[1]?.[3] ?? '', /The request signature we calculated does not match the signature you provided\..*Check the credentials the settings step names, then test again\.$/);
    assert.ok(!JSON.stringify(report).includes('wrong-secret-0000'), 'not even a wrong secret appears');
  });

  it('the other sources: a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK, a profile, the default chain; the region fills the endpoint', async () => {
    const deadPort = await unusedPort();
    const detail = async (env: Record<string, string>, options: Record<string, string>): Promise<[string, string | undefined]> => {
      // Through a proxy nobody listens on: only the settings step matters, and nothing leaves the machine.
      const report = await harness.client({ env }).testConnection('bedrock', { timeout: 2, proxy: `http://127.0.0.1:${deadPort}`, ...options });
      return [report.url, report.steps[0]?.detail];
    };
    assert.deepStrictEqual(
      [
        await detail({ AWS_BEARER_TOKEN_BEDROCK: 'bedrock-api-key-secret', AWS_REGION: 'eu-west-3' }, {}),
        await detail({}, { aws_profile_name: 'work', aws_region_name: 'ap-south-1' }),
        await detail({ AWS_ACCESS_KEY_ID: accessKeyId, AWS_DEFAULT_REGION: 'us-east-2' }, {}),
        await detail({}, {}),
      ],
      [
        ['https://bedrock-runtime.eu-west-3.amazonaws.com', "Certificates are checked against Node's roots. Credentials: a Bedrock API key from AWS_BEARER_TOKEN_BEDROCK, sent as a bearer token; region eu-west-3."],
        ['https://bedrock-runtime.ap-south-1.amazonaws.com', "Certificates are checked against Node's roots. Credentials: the AWS profile 'work' (aws_profile_name), signed with SigV4; region ap-south-1."],
        ['https://bedrock-runtime.us-east-2.amazonaws.com', "Certificates are checked against Node's roots. Credentials: AWS's default chain (environment, profile files, SSO, container or instance role; AWS_ACCESS_KEY_ID set), signed with SigV4; region us-east-2."],
        ['https://bedrock-runtime.us-west-2.amazonaws.com', "Certificates are checked against Node's roots. Credentials: AWS's default chain (environment, profile files, SSO, container or instance role; neither AWS_ACCESS_KEY_ID nor AWS_PROFILE is set), signed with SigV4; region us-west-2."],
      ],
    );
  });
});
