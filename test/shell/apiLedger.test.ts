/**
 * The usage ledger and what "Manage Extension Access" shows of it: requests, tokens and cost per
 * extension, counted in order when calls end together, kept across instances, forgotten on
 * request; rows for every extension that asked or used the API, with the actions that apply.
 */

import assert from 'node:assert/strict';
import { accessRows, actionsFor, describeDecision, describeUsage, formatCost } from '../../src/shell/api/accessRows';
import { UsageLedger } from '../../src/shell/api/usageLedger';
import { formatMessage } from '../../src/shell/chat/localize';
import { MemoryJsonState } from './apiHarness';

describe('the usage ledger', () => {
  it('sums requests, tokens and known costs per extension; unpriced requests are counted apart', async () => {
    const state = new MemoryJsonState();
    let clock = 1000;
    const ledger = new UsageLedger(state, { now: () => clock++ });
    // Three calls ending together, one failed (no usage), one without a known price.
    await Promise.all([
      ledger.record('acme.consumer', 'openai/gpt-4o-mini', { prompt_tokens: 14, completion_tokens: 37 }, 0.000024),
      ledger.record('acme.consumer', 'openai/gpt-4o-mini', undefined, undefined),
      ledger.record('acme.consumer', 'openai/gpt-4o-mini', { prompt_tokens: 5, completion_tokens: 5 }, undefined),
      ledger.record('other.extension', 'openai/gpt-4o-mini', { prompt_tokens: 1, completion_tokens: 2 }, 0.5),
    ]);
    const reopened = new UsageLedger(state);
    assert.deepStrictEqual(reopened.list(), [
      { extensionId: 'acme.consumer', requests: 3, prompt_tokens: 19, completion_tokens: 42, cost: 0.000024, unpriced_requests: 1, lastUsedAt: 1002 },
      { extensionId: 'other.extension', requests: 1, prompt_tokens: 1, completion_tokens: 2, cost: 0.5, unpriced_requests: 0, lastUsedAt: 1003 },
    ]);
    await reopened.forget('ACME.consumer');
    assert.deepStrictEqual(
      ledger.list().map((entry) => entry.extensionId),
      ['other.extension'],
    );
    ledger.dispose();
    reopened.dispose();
  });

  it('ignores what it cannot read back from global state', () => {
    const state = new MemoryJsonState();
    state.values.set('switchboard.api.usage', JSON.stringify([{ extensionId: 'a.b', requests: 'many' }, 42, null]));
    const ledger = new UsageLedger(state);
    assert.deepStrictEqual(ledger.list(), []);
    ledger.dispose();
  });
});

describe('Manage Extension Access rows', () => {
  it('one row per extension that asked or used the API, with its decision, usage and actions', () => {
    const rows = accessRows(
      [
        { extensionId: 'zeta.tool', decision: 'denied', decidedAt: 1 },
        { extensionId: 'acme.consumer', decision: 'allowed', decidedAt: 2 },
      ],
      [
        { extensionId: 'ACME.consumer', requests: 12, prompt_tokens: 3400, completion_tokens: 800, cost: 0.0123, unpriced_requests: 2, lastUsedAt: 3 },
        { extensionId: 'beta.gone', requests: 1, prompt_tokens: 10, completion_tokens: 1, cost: 0.00002, unpriced_requests: 0, lastUsedAt: 4 },
      ],
    );
    assert.deepStrictEqual(
      rows.map((row) => [row.extensionId, describeDecision(row.decision, formatMessage), describeUsage(row.usage, formatMessage), actionsFor(row)]),
      [
        ['acme.consumer', 'Allowed', '12 requests · 3,400 prompt + 800 completion tokens · $0.0123 (2 without known prices)', ['deny', 'forget']],
        ['beta.gone', 'Not decided', '1 request · 10 prompt + 1 completion tokens · $0.000020', ['allow', 'deny', 'forget']],
        ['zeta.tool', 'Denied', 'No requests yet', ['allow', 'forget']],
      ],
    );
  });

  it('costs keep the digits a fraction of a cent needs', () => {
    assert.deepStrictEqual([formatCost(0), formatCost(0.00002), formatCost(0.0123), formatCost(2.5)], ['$0.0000', '$0.000020', '$0.0123', '$2.5000']);
  });
});
