/**
 * What a Responses API call costs: `openai/responses/<model>` (and Azure's) is LiteLLM's way to
 * send <model> to the Responses API, so it is priced, and described, as <model> itself; models the
 * catalogue marks Responses-only are priced under their own name.
 */

import assert from 'node:assert/strict';
import { completionCost, getModelInfo } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';

const apiKey = 'sk-test-responses-cost-0123456789';

describe('Responses API: prices', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const [routed, model] of [
    ['openai/responses/gpt-5-mini', 'openai/gpt-5-mini'],
    ['azure/responses/gpt-5-mini', 'azure/gpt-5-mini'],
  ] as const) {
    it(`${routed} is described and priced as ${model}`, () => {
      const info = getModelInfo(routed);
      assert.ok(info.known, `${routed} is in the catalogue`);
      assert.deepStrictEqual(info, getModelInfo(model));
      assert.ok((info.input_cost_per_token ?? 0) > 0 && (info.output_cost_per_token ?? 0) > 0);
    });
  }

  it('a Responses-only model is priced under its own name', () => {
    const info = getModelInfo('openai/o3-pro');
    assert.equal(info.mode, 'responses');
    assert.ok((info.input_cost_per_token ?? 0) > 0 && (info.output_cost_per_token ?? 0) > 0);
  });

  it('a call through openai/responses/<model> carries the model’s price when the answer names no model the catalogue knows', async () => {
    const fixture = loadFixture('openai-responses/response_reasoning_encrypted');
    // A proxy in front of OpenAI may answer under its own alias; then the routed model sets the price.
    const recorded = JSON.parse(fixture.body.toString('utf8')) as Record<string, unknown>;
    const aliased = Buffer.from(JSON.stringify({ ...recorded, model: 'team-proxy-alias' }));
    const server = await harness.server(() => ({ status: 200, headers: fixture.meta.headers, body: aliased }));
    const response = await harness.client().completion({
      model: 'openai/responses/gpt-5-mini',
      api_base: `${server.url}/v1`,
      api_key: apiKey,
      messages: [{ role: 'user', content: 'What is (12 + 7) * 3 * 10?' }],
    });
    const expected = completionCost(response, { model: 'openai/gpt-5-mini' });
    assert.ok(expected > 0);
    assert.equal(response._hidden_params?.response_cost, expected);
    // LiteLLM's completion_cost agrees from the response alone, through the routed name it records.
    assert.equal(completionCost(response), expected);
  });

  it('a call to a Responses-only model carries that model’s price', async () => {
    const fixture = loadFixture('openai-responses/response_reasoning_encrypted');
    const recorded = JSON.parse(fixture.body.toString('utf8')) as Record<string, unknown>;
    const answered = Buffer.from(JSON.stringify({ ...recorded, model: 'o3-pro' }));
    const server = await harness.server(() => ({ status: 200, headers: fixture.meta.headers, body: answered }));
    const response = await harness.client().completion({ model: 'openai/o3-pro', api_base: `${server.url}/v1`, api_key: apiKey, messages: [{ role: 'user', content: 'Hi' }] });
    const expected = completionCost(response, { model: 'openai/o3-pro' });
    assert.ok(expected > 0);
    assert.equal(response._hidden_params?.response_cost, expected);
    assert.equal(completionCost(response), expected);
  });
});
