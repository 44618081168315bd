/**
 * The team gateway (`litellm_proxy/…`), its key and its errors: `/key/info` → the member key's
 * spend and budget, typed; LiteLLM's error bodies (auth, budget exceeded on 400 and 429, and the
 * same on `/v1/model/info` and `/key/info`) mapped to the right classes, the key never in a message.
 */

import assert from 'node:assert/strict';
import { AuthenticationError, BadRequestError, RateLimitError } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { memberKey, messages, useGateway } from './litellmProxySupport';

describe('LiteLLM proxy (the team gateway): the key and the errors', () => {
  const gateway = useGateway();

  describe('the key’s spend and budget from /key/info', () => {
    it('GET /key/info with the member key, typed', async () => {
      const info = await gateway.client.gatewayKeyInfo();
      const request = gateway.server.requests.at(-1);
      assert.equal(request?.method, 'GET');
      assert.equal(request?.url, '/key/info');
      assert.equal(request?.headers['authorization'], `Bearer ${memberKey}`);
      assert.deepEqual(info, {
        key_name: 'sk-...7d',
        key_alias: 'ada-laptop',
        spend: 12.5,
        max_budget: 100,
        soft_budget: 80,
        budget_duration: '30d',
        budget_reset_at: '2026-12-31T00:00:00Z',
        models: ['gpt-4o', 'team-claude'],
        expires: '2027-01-01T00:00:00Z',
        user_id: 'ada@example.com',
        team_id: 'team-1',
        tpm_limit: 1000,
        rpm_limit: 60,
        blocked: false,
      });
    });

    it('a key without limits reads as nulls; an answer without info is an APIError', async () => {
      const open = await gateway.harness.server((request) =>
        request.url === '/key/info' ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{"key":"k","info":{"spend":0,"models":[]}}' } : { status: 200, headers: { 'content-type': 'application/json' }, body: '{"detail":"nothing"}' },
      );
      const info = await gateway.client.gatewayKeyInfo({ api_base: open.url });
      assert.deepEqual([info.spend, info.max_budget, info.budget_reset_at, info.models, info.blocked], [0, null, null, [], false]);
      const broken = await gateway.harness.server(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"detail":"nothing"}' }));
      await assert.rejects(gateway.client.gatewayKeyInfo({ api_base: broken.url }), (error: Error) => error.name === 'APIError' && error.message.includes('info'));
    });
  });

  describe("LiteLLM's error bodies", () => {
    it('401 auth_error → AuthenticationError with type and code, the key not in the message', async () => {
      gateway.chatReply = () => loadFixture('litellm_proxy/error_auth').reply();
      await assert.rejects(gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages }), (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.equal(error.status_code, 401);
        assert.equal(error.llm_provider, 'litellm_proxy');
        assert.equal(error.type, 'auth_error');
        assert.equal(error.code, '401');
        assert.match(error.message, /Authentication Error, No api key passed in\./);
        assert.ok(!error.message.includes(memberKey));
        return true;
      });
    });

    it('400 budget_exceeded → BadRequestError with type budget_exceeded (not retried)', async () => {
      gateway.chatReply = () => loadFixture('litellm_proxy/error_budget_exceeded').reply();
      await assert.rejects(gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages, num_retries: 2 }), (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.type, 'budget_exceeded');
        assert.match(error.message, /Budget has been exceeded!/);
        return true;
      });
      assert.equal(gateway.chatRequests().length, 1);
    });

    it('429 budget_exceeded (current proxies) → RateLimitError that is not retried', async () => {
      gateway.chatReply = () => loadFixture('litellm_proxy/error_budget_exceeded_429').reply();
      await assert.rejects(gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages, num_retries: 2 }), (error: unknown) => {
        assert.ok(error instanceof RateLimitError);
        assert.equal(error.type, 'budget_exceeded');
        assert.equal(error.retryable, false);
        assert.match(error.message, /Budget has been exceeded! Key=ada-laptop/);
        return true;
      });
      assert.equal(gateway.chatRequests().length, 1);
    });

    it('errors of /v1/model/info and /key/info are mapped the same way', async () => {
      const locked = await gateway.harness.server(() => loadFixture('litellm_proxy/error_auth').reply());
      await assert.rejects(gateway.client.listModels('litellm_proxy', { api_base: locked.url }), AuthenticationError);
      await assert.rejects(gateway.client.gatewayKeyInfo({ api_base: locked.url }), AuthenticationError);
    });
  });
});
