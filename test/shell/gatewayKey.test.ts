/**
 * The team gateway's line on the member's key, as the model picker and Manage Extension Access
 * show it: read from the LiteLLM proxy's `/key/info` (the recorded shape, served on 127.0.0.1)
 * with the stored virtual key, only when a gateway is set up, left out when it does not answer.
 */

import assert from 'node:assert/strict';
import type { GatewayKeyInfo } from '../../src/core';
import { modelPicks } from '../../src/shell/commands/modelPicks';
import { describeGatewayKey, gatewayKeyNote } from '../../src/shell/gatewayKey';
import { formatMessage } from '../../src/shell/chat/localize';
import { loadFixture } from '../helpers/fixtures';
import { useShellHarness } from '../helpers/shellHarness';
import { closedPort, RecordingLog } from './shellFakes';

const keyInfo = loadFixture('litellm_proxy/key_info');

function info(overrides: Partial<GatewayKeyInfo>): GatewayKeyInfo {
  return {
    key_name: 'sk-...7d',
    key_alias: null,
    spend: 12.5,
    max_budget: 100,
    soft_budget: null,
    budget_duration: null,
    budget_reset_at: null,
    models: [],
    expires: null,
    user_id: null,
    team_id: null,
    tpm_limit: null,
    rpm_limit: null,
    blocked: false,
    ...overrides,
  };
}

describe('the team gateway key line', () => {
  const shells = useShellHarness();

  it('says spend, budget, reset, a used-up budget and a blocked key in words', () => {
    assert.deepStrictEqual(
      [
        info({}),
        info({ key_alias: 'ada-laptop', budget_reset_at: '2026-12-31T00:00:00Z' }),
        info({ max_budget: null, key_name: null }),
        info({ spend: 100 }),
        info({ blocked: true }),
      ].map((entry) => describeGatewayKey(entry, formatMessage)),
      [
        'Your gateway key sk-...7d: $12.50 spent of $100.00',
        'Your gateway key ada-laptop: $12.50 spent of $100.00 (resets 2026-12-31)',
        'Your gateway key: $12.50 spent, no budget',
        'Your gateway key sk-...7d: $100.00 spent of $100.00 — budget used up',
        "Your gateway key sk-...7d is blocked by the gateway's admin.",
      ],
    );
  });

  it('reads /key/info with the stored virtual key at the configured gateway', async () => {
    const gateway = await shells.server(() => keyInfo.reply());
    const { client, keys, config, log } = shells.client({ settings: { providers: { litellm_proxy: { baseUrl: gateway.url } } } });
    await keys.set('litellm_proxy', 'sk-member-0123456789');
    const note = await gatewayKeyNote({ client, config, env: {}, localize: formatMessage, log });
    assert.equal(note, 'Your gateway key ada-laptop: $12.50 spent of $100.00 (resets 2026-12-31)');
    assert.equal(gateway.requests[0]?.url, '/key/info');
    assert.equal(gateway.requests[0]?.headers['authorization'], 'Bearer sk-member-0123456789');
  });

  it('no gateway set up: nothing asked; a gateway that does not answer: no line, a debug entry', async () => {
    const log = new RecordingLog();
    const unset = shells.client({ settings: {} });
    assert.equal(await gatewayKeyNote({ client: unset.client, config: unset.config, env: {}, localize: formatMessage, log }), undefined);
    const down = shells.client({ settings: { providers: { litellm_proxy: { baseUrl: await closedPort() } } } });
    assert.equal(await gatewayKeyNote({ client: down.client, config: down.config, env: {}, localize: formatMessage, log, timeoutSeconds: 2 }), undefined);
    assert.deepStrictEqual(log.lines.map((line) => line.level), ['debug']);
    assert.match(log.lines[0]?.message ?? '', /gateway's \/key\/info did not answer/);
  });

  it("the picker puts the line on the gateway's rows only (a filtered picker hides separators), beside 'current model'", () => {
    const options = [
      { id: 'litellm_proxy/team-claude', label: 'team-claude', provider: 'LiteLLM proxy' },
      { id: 'litellm_proxy/gpt-4o', label: 'gpt-4o', provider: 'LiteLLM proxy' },
      { id: 'openai/gpt-4o', label: 'gpt-4o', provider: 'OpenAI' },
    ];
    const rows = modelPicks(options, 'litellm_proxy/gpt-4o', formatMessage, undefined, { 'LiteLLM proxy': 'Your gateway key: $1.00 spent, no budget' });
    assert.deepStrictEqual(
      rows.map((pick) => (pick.kind === 'separator' ? `— ${pick.label}` : `${pick.id}: ${pick.detail ?? ''}`)),
      [
        '— LiteLLM proxy',
        'litellm_proxy/team-claude: Your gateway key: $1.00 spent, no budget',
        'litellm_proxy/gpt-4o: current model · Your gateway key: $1.00 spent, no budget',
        '— OpenAI',
        'openai/gpt-4o: ',
      ],
    );
  });
});
