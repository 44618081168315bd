/**
 * Vertex AI's per-call identity (`vertex_project`, `vertex_location`, `vertex_credentials`) is a
 * credential like a key: the call's goes to its own attempt only, and a fallback to another model
 * carries none of it unless it names its own.
 */

import assert from 'node:assert/strict';
import type { CompletionParams } from '../../src/core';
import { coreCompletionParams } from '../../src/shell/api/apiTargets';
import type { Attempt } from '../../src/shell/api/keyRule';

const vertexIdentity = { vertex_project: 'p1', vertex_location: 'europe-west4', vertex_credentials: '{"type":"service_account"}' };

function attempt(model: string, credentials: Attempt['credentials']): Attempt {
  return { model, route: { kind: 'provider', providerId: model.split('/')[0] ?? '', modelId: model.split('/')[1] ?? '' }, path: '', credentials, rest: {} };
}

describe('the API targets: vertex_* are credentials', () => {
  it('the first attempt keeps its own; a fallback without its own gets none', async () => {
    const params: CompletionParams = { model: 'vertex_ai/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }], ...vertexIdentity, fallbacks: [{ model: 'gemini/gemini-2.5-flash' }] };
    const core = await coreCompletionParams(params, [attempt('vertex_ai/gemini-2.5-flash', vertexIdentity), attempt('gemini/gemini-2.5-flash', {})], () => Promise.resolve(undefined), undefined);
    assert.equal(core.vertex_project, 'p1');
    assert.equal(core.vertex_location, 'europe-west4');
    assert.equal(core.vertex_credentials, vertexIdentity.vertex_credentials);
    const fallback = core.fallbacks?.[0] as CompletionParams;
    assert.equal(fallback.vertex_project, undefined);
    assert.equal(fallback.vertex_credentials, undefined);
    assert.ok('vertex_credentials' in fallback, 'the fallback says explicitly it has none, so the core does not inherit the call\'s');
  });
});
