/**
 * Child-process entry: the official @aws-sdk/client-bedrock-runtime (a devDependency),
 * ConverseStreamCommand and a `for await` over the raw events, with static keys (the SDK signs
 * every request) over HTTP/1.1 through @smithy/node-http-handler, as test/core/bedrockWire.test.ts
 * uses it (the SDK's default handler speaks HTTP/2, which the bench server does not). Bedrock wire only.
 */

import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { runClientChild } from './lib/harness';
import { bedrockEndpoint, benchAwsKeys, benchAwsRegion, benchBedrockModel, benchPrompt, benchSystem, packageLabel } from './lib/request';
import { wires } from './lib/wires';

runClientChild('aws-sdk', (settings) => {
  const sdk = new BedrockRuntimeClient({
    region: benchAwsRegion,
    endpoint: bedrockEndpoint(settings.port),
    credentials: benchAwsKeys,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler(),
  });
  return {
    library: `${packageLabel('@aws-sdk/client-bedrock-runtime')} + ${packageLabel('@smithy/node-http-handler')}`,
    expected: wires.bedrock.events,
    async stream(maxTokens, onFirstContent) {
      const answer = await sdk.send(
        new ConverseStreamCommand({
          modelId: benchBedrockModel,
          system: [{ text: benchSystem }],
          messages: [{ role: 'user', content: [{ text: benchPrompt }] }],
          ...(maxTokens === undefined ? {} : { inferenceConfig: { maxTokens } }),
        }),
      );
      if (answer.stream === undefined) {
        throw new Error('the answer has no stream');
      }
      let events = 0;
      let sawContent = false;
      for await (const event of answer.stream) {
        events++;
        if (!sawContent && event.contentBlockDelta !== undefined) {
          sawContent = true;
          onFirstContent();
        }
      }
      return events;
    },
    close: async () => {
      sdk.destroy();
    },
  };
});
