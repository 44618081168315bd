/**
 * RequestPreparer: asking never prepares in the caller's own task (so never inside activation or
 * the message that asked), asks that come while one is pending add nothing, the model is read
 * when the preparation runs, and disposing drops a pending one.
 */

import assert from 'node:assert/strict';
import { RequestPreparer } from '../../src/shell/requestPreparer';

function rig(): { preparer: RequestPreparer; prepared: string[]; scheduled: (() => void)[]; model: { current: string } } {
  const prepared: string[] = [];
  const scheduled: (() => void)[] = [];
  const model = { current: 'openai/gpt-4o-mini' };
  const preparer = new RequestPreparer({
    client: { prepare: async (name) => void prepared.push(name) },
    model: () => model.current,
    schedule: (run) => {
      scheduled.push(run);
      return { cancel: () => scheduled.splice(scheduled.indexOf(run), 1) };
    },
  });
  return { preparer, prepared, scheduled, model };
}

describe('RequestPreparer', () => {
  it('prepares only when its scheduled task runs, once for asks that came meanwhile, with the model of that moment', () => {
    const { preparer, prepared, scheduled, model } = rig();
    preparer.soon();
    preparer.soon();
    const beforeRun = [...prepared];
    model.current = 'anthropic/claude-sonnet-4-6';
    scheduled.shift()?.();
    preparer.soon();
    scheduled.shift()?.();
    assert.deepStrictEqual({ beforeRun, prepared, left: scheduled.length }, { beforeRun: [], prepared: ['anthropic/claude-sonnet-4-6', 'anthropic/claude-sonnet-4-6'], left: 0 });
  });

  it('drops a pending preparation when disposed', () => {
    const { preparer, prepared, scheduled } = rig();
    preparer.soon();
    preparer.dispose();
    assert.deepStrictEqual({ prepared, scheduled: scheduled.length }, { prepared: [], scheduled: 0 });
  });

  it('with its real timer, runs after the current task, not within it', async () => {
    const prepared: string[] = [];
    const preparer = new RequestPreparer({ client: { prepare: async (name) => void prepared.push(name) }, model: () => 'openai/gpt-4o-mini' });
    preparer.soon();
    const withinTask = prepared.length;
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepStrictEqual({ withinTask, prepared }, { withinTask: 0, prepared: ['openai/gpt-4o-mini'] });
  });
});
