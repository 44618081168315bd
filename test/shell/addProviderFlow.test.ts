/**
 * The rules of Add Provider's walk through its steps, without VS Code: the title's step count for
 * the choice in view (the pick counted; none for the flows of their own), and what is kept when a
 * step is answered again after Back — an empty key step keeps the key typed before, which is then
 * the one written. The walk itself (the Back button, the steps shown again) runs in code-server:
 * test/e2e/addProvider.e2e.entry.ts.
 */

import assert from 'node:assert/strict';
import { formatMessage } from '../../src/shell/chat/localize';
import { customEndpointChoice, flowLength, providerChoices, setupPlan } from '../../src/shell/commands/providerSetupPlan';
import { answersFrom, withAnswer } from '../../src/shell/commands/providerSetupSteps';
import { setupWrites } from '../../src/shell/commands/providerSetupWrites';

describe('Add Provider: the walk through the steps', () => {
  it("counts the pick and the choice's steps; a flow of its own (Bedrock, Vertex AI, the gateway) has no count here", () => {
    const lengths = Object.fromEntries(['openai', 'ollama', 'azure', customEndpointChoice, 'bedrock', 'vertex_ai', 'litellm_proxy', 'mock'].map((id) => [id, flowLength(id)]));
    assert.deepStrictEqual(lengths, { openai: 2, ollama: 3, azure: 5, [customEndpointChoice]: 5, bedrock: undefined, vertex_ai: undefined, litellm_proxy: undefined, mock: undefined });
    const uncounted = providerChoices(formatMessage)
      .filter((choice) => flowLength(choice.id) === undefined)
      .map((choice) => [choice.id, setupPlan(choice.id)?.kind]);
    assert.deepStrictEqual(uncounted, [
      ['bedrock', 'handover'],
      ['vertex_ai', 'handover'],
      ['litellm_proxy', 'handover'],
    ]);
  });

  it('an answer replaces what its step held; an empty key step keeps the key typed before, and that key is written', () => {
    const typed = withAnswer(withAnswer(withAnswer({}, 'endpointName', 'lab'), 'baseUrl', 'http://127.0.0.1:8000/v1'), 'key', 'sk-first');
    // Back from the headers to the key step: the box is empty, and Enter keeps the key.
    const again = withAnswer(typed, 'key', '');
    assert.deepStrictEqual(again, { endpointName: 'lab', baseUrl: 'http://127.0.0.1:8000/v1', key: 'sk-first' });
    assert.deepStrictEqual(withAnswer(again, 'key', 'sk-second').key, 'sk-second', 'a new key replaces it');
    assert.deepStrictEqual(withAnswer(again, 'baseUrl', 'http://127.0.0.1:9000/v1').baseUrl, 'http://127.0.0.1:9000/v1');
    assert.deepStrictEqual(withAnswer({}, 'key', ''), { key: '' }, 'no key typed yet: the step is left empty');
    assert.deepStrictEqual(typed.key, 'sk-first', 'what was typed before is not changed in place');
    const plan = setupWrites({ providers: undefined, customEndpoints: undefined }, answersFrom(customEndpointChoice, ['endpointName', 'baseUrl', 'key', 'headers'], withAnswer(again, 'headers', '')));
    assert.deepStrictEqual(plan.key, { kind: 'set', owner: 'endpoint:lab', key: 'sk-first' });
  });
});
