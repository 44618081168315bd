/**
 * Child-process entry: Switchboard's core, the way a caller uses it: `completion({stream: true})`
 * and a `for await` over the OpenAI chunks. On the Anthropic (`anthropic/…`), Responses
 * (`openai/responses/…`), Bedrock (`bedrock/…`), Gemini (`gemini/…`) and Ollama (`ollama/…`)
 * wires the core translates every event to an OpenAI chunk; on Bedrock it also signs each request
 * (SigV4, static keys), as it does for AWS. On Ollama the first request also asks `/api/show` for
 * the model's context length (once per client, as in the extension).
 */

import { createClient, type CompletionParams } from '../src/core';
import { runClientChild } from './lib/harness';
import {
  anthropicBaseUrl,
  anthropicMaxTokens,
  baseUrl,
  bedrockEndpoint,
  benchAnthropicModel,
  benchAwsKeys,
  benchAwsRegion,
  benchBedrockModel,
  benchGeminiModel,
  benchKey,
  benchMessages,
  benchModel,
  benchOllamaModel,
  geminiBaseUrl,
  ollamaHost,
  packageLabel,
} from './lib/request';
import { wires, type WireName } from './lib/wires';

type WireParams = Pick<CompletionParams, 'model' | 'api_base' | 'api_key' | 'aws_access_key_id' | 'aws_secret_access_key' | 'aws_region_name' | 'aws_bedrock_runtime_endpoint'>;

/** How a caller points the core at the bench server, per wire. */
function wireParams(wire: WireName, port: number): WireParams {
  switch (wire) {
    case 'openai':
      return { model: `openai/${benchModel}`, api_base: baseUrl(port), api_key: benchKey };
    case 'responses':
      return { model: `openai/responses/${benchModel}`, api_base: baseUrl(port), api_key: benchKey };
    case 'anthropic':
      return { model: `anthropic/${benchAnthropicModel}`, api_base: anthropicBaseUrl(port), api_key: benchKey };
    case 'bedrock':
      return {
        model: `bedrock/${benchBedrockModel}`,
        aws_access_key_id: benchAwsKeys.accessKeyId,
        aws_secret_access_key: benchAwsKeys.secretAccessKey,
        aws_region_name: benchAwsRegion,
        aws_bedrock_runtime_endpoint: bedrockEndpoint(port),
      };
    case 'gemini':
      return { model: `gemini/${benchGeminiModel}`, api_base: geminiBaseUrl(port), api_key: benchKey };
    case 'ollama':
      return { model: `ollama/${benchOllamaModel}`, api_base: ollamaHost(port) };
  }
}

runClientChild('switchboard', (settings) => {
  const client = createClient({ env: {} });
  const params = wireParams(settings.wire, settings.port);
  // Anthropic requires max_tokens; on the other wires its absence asks for the long answer.
  const maxTokensFor = (maxTokens: number | undefined): number | undefined => (settings.wire === 'anthropic' ? anthropicMaxTokens(maxTokens, settings.chunks) : maxTokens);
  return {
    library: `switchboard src/core (${packageLabel('undici')})`,
    expected: wires[settings.wire].chunks,
    async stream(maxTokens, onFirstContent) {
      const max = maxTokensFor(maxTokens);
      const stream = await client.completion({
        ...params,
        messages: benchMessages,
        stream: true,
        ...(max === undefined ? {} : { max_tokens: max }),
      });
      let chunks = 0;
      for await (const chunk of stream) {
        if (chunks++ === 0 && typeof chunk.choices[0]?.delta.content === 'string') {
          onFirstContent();
        }
      }
      return chunks;
    },
    prepare: () => {
      const { model, ...options } = params;
      return client.prepare(model, options);
    },
    close: () => client.close(),
  };
});
