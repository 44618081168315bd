/**
 * Consent and the switch: the first call from an extension asks once (concurrent first calls
 * share the question), Allow and Deny are remembered across instances, dismissing decides
 * nothing, revoking and forgetting take effect on the next call, and `switchboard.api.enabled:
 * false` refuses everything without asking. Calls run on the offline mock provider.
 */

import assert from 'node:assert/strict';
import type { CompletionParams } from '../../src/core';
import { ConsentStore } from '../../src/shell/api/consent';
import { apiHarness, consumerId, errorShape, MemoryJsonState, type ApiHarness } from './apiHarness';

const hello: CompletionParams & { stream?: false } = { model: 'mock/quick', messages: [{ role: 'user', content: 'Hello' }] };

/** 'ok' for a call that answered, else the error's name and whether its message says how to allow it. */
async function outcome(setup: ApiHarness): Promise<string> {
  try {
    const response = await setup.api.completion(hello);
    return typeof response.choices[0]?.message.content === 'string' ? 'ok' : 'no answer';
  } catch (error) {
    const shape = errorShape(error);
    const message = (error as Error).message;
    const hint = message.includes('Manage Extension Access') ? ' (how to allow)' : message.includes('switchboard.api.enabled') ? ' (the setting)' : '';
    return `${String(shape['name'])} ${String(shape['status_code'])} ${String(shape['llm_provider'])}${hint}`;
  }
}

describe('consent for other extensions', () => {
  let setup: ApiHarness | undefined;

  afterEach(() => {
    setup?.dispose();
    setup = undefined;
  });

  it('Allow: asked once, remembered, and still remembered by a new store on the same global state', async () => {
    const state = new MemoryJsonState();
    setup = apiHarness({ answers: ['allowed'], state });
    const outcomes = [await outcome(setup), await outcome(setup)];
    const reopened = new ConsentStore(state, async () => assert.fail('a remembered decision must not ask again'));
    assert.deepStrictEqual(
      { outcomes, asked: setup.question.asked, reopened: await reopened.check(consumerId), caseInsensitive: reopened.decision('ACME.Consumer') },
      { outcomes: ['ok', 'ok'], asked: [consumerId], reopened: 'allowed', caseInsensitive: 'allowed' },
    );
    reopened.dispose();
  });

  it('Deny: PermissionDeniedError (403) saying how to allow it, remembered without asking again', async () => {
    setup = apiHarness({ answers: ['denied'] });
    const outcomes = [await outcome(setup), await outcome(setup)];
    assert.deepStrictEqual(
      { outcomes, asked: setup.question.asked, decision: setup.consent.decision(consumerId) },
      { outcomes: ['PermissionDeniedError 403 switchboard (how to allow)', 'PermissionDeniedError 403 switchboard (how to allow)'], asked: [consumerId], decision: 'denied' },
    );
  });

  it('concurrent first calls share one question', async () => {
    setup = apiHarness({ answers: ['allowed'] });
    setup.question.hold();
    const calls = [outcome(setup), outcome(setup), outcome(setup)];
    await new Promise((resolve) => setTimeout(resolve, 20));
    setup.question.release();
    assert.deepStrictEqual({ outcomes: await Promise.all(calls), asked: setup.question.asked }, { outcomes: ['ok', 'ok', 'ok'], asked: [consumerId] });
  });

  it('dismissing the question refuses that call only: the next call asks again', async () => {
    setup = apiHarness({ answers: [undefined, 'allowed'] });
    const first = await outcome(setup);
    const decisionAfterDismissal = setup.consent.decision(consumerId);
    const second = await outcome(setup);
    assert.deepStrictEqual(
      { first, decisionAfterDismissal, second, asked: setup.question.asked.length },
      { first: 'PermissionDeniedError 403 switchboard (how to allow)', decisionAfterDismissal: undefined, second: 'ok', asked: 2 },
    );
  });

  it('revoking refuses the next call; forgetting asks again; other extensions are asked on their own', async () => {
    setup = apiHarness({ answers: ['allowed'] });
    const before = await outcome(setup);
    await setup.consent.set(consumerId, 'denied');
    const revoked = await outcome(setup);
    await setup.consent.forget(consumerId);
    const forgotten = await outcome(setup);
    const other = setup.service.getApi(1, { extensionId: 'other.extension' });
    await other.completion(hello);
    assert.deepStrictEqual(
      { before, revoked, forgotten, asked: setup.question.asked, list: setup.consent.list().map((record) => [record.extensionId, record.decision]) },
      {
        before: 'ok',
        revoked: 'PermissionDeniedError 403 switchboard (how to allow)',
        forgotten: 'ok',
        asked: [consumerId, consumerId, 'other.extension'],
        list: [
          [consumerId, 'allowed'],
          ['other.extension', 'allowed'],
        ],
      },
    );
  });

  it('switchboard.api.enabled: false refuses every method without asking; turning it on again works', async () => {
    setup = apiHarness({ answers: ['allowed'], settings: { 'api.enabled': false } });
    const api = setup.api;
    const refusals: unknown[] = [];
    for (const call of [() => api.completion(hello), () => api.embedding({ model: 'mock/embed', input: 'a' }), () => api.listModels(), async () => api.getModelInfo('openai/gpt-4o-mini')]) {
      try {
        await call();
        refusals.push('answered');
      } catch (error) {
        refusals.push({ ...errorShape(error), mentionsSetting: (error as Error).message.includes('switchboard.api.enabled') });
      }
    }
    const askedWhileOff = setup.question.asked.length;
    setup.settings['api.enabled'] = true;
    const enabledAgain = await outcome(setup);
    const refused = { name: 'PermissionDeniedError', status_code: 403, llm_provider: 'switchboard', param: undefined, mentionsSetting: true };
    assert.deepStrictEqual({ refusals, askedWhileOff, enabledAgain }, { refusals: [refused, refused, refused, refused], askedWhileOff: 0, enabledAgain: 'ok' });
  });

  it('getModelInfo answers catalogue facts without asking, but not to an extension the user denied', async () => {
    setup = apiHarness({ answers: ['denied'] });
    const info = setup.api.getModelInfo('openai/gpt-4o-mini');
    await outcome(setup);
    let afterDenial: unknown;
    try {
      setup.api.getModelInfo('openai/gpt-4o-mini');
    } catch (error) {
      afterDenial = errorShape(error);
    }
    assert.deepStrictEqual(
      { known: info.known, provider: info.litellm_provider, asked: setup.question.asked.length, afterDenial },
      { known: true, provider: 'openai', asked: 1, afterDenial: { name: 'PermissionDeniedError', status_code: 403, llm_provider: 'switchboard', param: undefined } },
    );
  });
});
