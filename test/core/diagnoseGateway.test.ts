/**
 * `client.testConnection('litellm_proxy')` against a loopback gateway serving LiteLLM's recorded
 * `/v1/model/info` and `/key/info` answers: the model list is the http step, the key's standing
 * (spend, budget, models, limits) the auth step; a blocked key, a spent budget, a key refused at
 * `/key/info` and a gateway without `/key/info` each read as they should.
 */

import assert from 'node:assert/strict';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { Reply } from '../helpers/wireServer';
import { portOf, shape } from './diagnoseHelpers';

const modelInfo = loadFixture('litellm_proxy/model_info');
const keyInfo = loadFixture('litellm_proxy/key_info');
const authError = loadFixture('litellm_proxy/error_auth');
const memberKey = 'sk-team-member-virtual-key-9f8e7d';

/** The recorded key info with some of its fields changed. */
function keyInfoWith(changes: Record<string, unknown>): Reply {
  const recorded = JSON.parse(keyInfo.reply().body as string) as { info: Record<string, unknown> };
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...recorded, info: { ...recorded.info, ...changes } }) };
}

describe('testConnection for the LiteLLM proxy', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  async function reportFor(keyReply: () => Reply): Promise<{ port: string; report: Awaited<ReturnType<ReturnType<typeof harness.client>['testConnection']>>; urls: string[] }> {
    const server = await harness.server((request) => (request.url === '/v1/model/info' ? modelInfo.reply() : request.url === '/key/info' ? keyReply() : { status: 404, headers: {}, body: '' }));
    const report = await harness.client({ env: { LITELLM_PROXY_API_BASE: server.url, LITELLM_PROXY_API_KEY: memberKey } }).testConnection('litellm_proxy');
    return { port: portOf(server.url), report, urls: server.requests.map((request) => request.url) };
  }

  it('/v1/model/info is the http step; /key/info the auth step, with spend, budget, models and limits', async () => {
    const { port, report, urls } = await reportFor(() => keyInfo.reply());
    assert.deepStrictEqual(shape(report, { [port]: 'PORT' }).steps.slice(-2), [
      ['http', 'passed', 'LiteLLM proxy answered the model list request in N ms (4 models).'],
      ['auth', 'passed', 'LiteLLM proxy accepted sk-...7d (ada-laptop): $12.50 spent of a $100.00 budget, reset every 30d (next 2026-12-31T00:00:00Z).', 'Models: gpt-4o, team-claude. Expires 2027-01-01T00:00:00Z. Limits: 1000 tokens and 60 requests a minute.'],
    ]);
    assert.deepStrictEqual([report.ok, urls], [true, ['/v1/model/info', '/key/info']]);
    assert.ok(!JSON.stringify(report).includes(memberKey), 'the report never holds the key');
  });

  it('a blocked key and a spent budget fail the auth step; no budget reads as such', async () => {
    const blocked = await reportFor(() => keyInfoWith({ blocked: true }));
    const spent = await reportFor(() => keyInfoWith({ spend: 100 }));
    const open = await reportFor(() => keyInfoWith({ max_budget: null, key_alias: null, models: [], expires: null, tpm_limit: null, rpm_limit: null }));
    assert.deepStrictEqual(
      [blocked, spent, open].map(({ report }) => [report.ok, shape(report).steps.at(-1)]),
      [
        [false, ['auth', 'failed', 'LiteLLM proxy has blocked sk-...7d (ada-laptop).', 'Ask the gateway admin to unblock it, or use another key.']],
        [false, ['auth', 'failed', 'sk-...7d (ada-laptop) has spent its budget: $100.00 spent of a $100.00 budget, reset every 30d (next 2026-12-31T00:00:00Z).', 'Calls are refused until the budget resets or the admin raises it. Models: gpt-4o, team-claude. Expires 2027-01-01T00:00:00Z. Limits: 1000 tokens and 60 requests a minute.']],
        [true, ['auth', 'passed', 'LiteLLM proxy accepted sk-...7d: $12.50 spent, no budget set.', 'Models: all of the gateway.']],
      ],
    );
  });

  it('a key refused at /key/info fails the auth step; a gateway without /key/info keeps the pass and says so', async () => {
    const refused = await reportFor(() => authError.reply());
    const missing = await reportFor(() => ({ status: 404, headers: { 'content-type': 'application/json' }, body: '{"detail":"Not Found"}' }));
    const [refusedAuth, missingAuth] = [refused, missing].map(({ report }) => shape(report).steps.at(-1));
    assert.deepStrictEqual([refused.report.ok, refusedAuth?.slice(0, 3)], [false, ['auth', 'failed', 'LiteLLM proxy listed its models but rejected the key at /key/info (401).']]);
    assert.match(refusedAuth?.[3] ?? '', /Authentication Error, No api key passed in\..*Set a valid key, then test again\.$/s);
    assert.deepStrictEqual([missing.report.ok, missingAuth?.slice(0, 3)], [true, ['auth', 'passed', 'LiteLLM proxy accepted the key.']]);
    assert.match(missingAuth?.[3] ?? '', /^Its spend and budget are unknown: \/key\/info answered 404\. /);
  });
});
