/**
 * The calls of one finished round: each is looked up in the request's offer (a name it did not
 * offer fails with the names it did), asks the user where it must, and runs once allowed — all
 * calls of the round at once, as the model asked for them together. Every change of a call
 * replaces it in the message and is told to the view. Resolves once every call has a result;
 * never rejects and never waits on a tool past Stop or its time limit (the toolbox's rule).
 */

import type { ToolCallView } from '../../protocol/messages';
import type { OfferedTool, Toolbox, ToolOffer } from '../tools/toolbox';
import { errorResult } from '../tools/toolResults';
import type { ToolApprovals } from './toolApprovals';

export interface ToolCallRunnerDeps {
  toolbox: Toolbox;
  offer: ToolOffer;
  approvals: ToolApprovals;
  signal: AbortSignal;
  /** A call changed (it is already replaced in `calls`): the view is told. */
  changed(call: ToolCallView): void;
}

const cancelledText = 'The call was cancelled: the user stopped the answer.';

/** The model may repeat an id (or send none): each call of a round gets its own, so a result and an approval reach one call. */
function distinctIds(calls: ToolCallView[]): void {
  const seen = new Set<string>();
  for (const [index, call] of calls.entries()) {
    let id = call.id.length > 0 ? call.id : `call_${index}`;
    for (let counter = 2; seen.has(id); counter++) {
      id = `${call.id}_${counter}`;
    }
    seen.add(id);
    if (id !== call.id) {
      calls[index] = { ...call, id };
    }
  }
}

async function runCall(calls: ToolCallView[], index: number, deps: ToolCallRunnerDeps): Promise<void> {
  const update = (patch: Partial<ToolCallView>): void => {
    const next = { ...(calls[index] as ToolCallView), ...patch };
    calls[index] = next;
    deps.changed(next);
  };
  const call = calls[index] as ToolCallView;
  const tool: OfferedTool | undefined = deps.offer.find(call.name);
  if (tool === undefined) {
    const offered = deps.offer.tools.map((entry) => entry.function.name).join(', ');
    update({ state: 'failed', result: errorResult(offered.length > 0 ? `No tool named ${call.name} is offered. The tools offered are: ${offered}.` : `No tool named ${call.name} is offered, and no tools are.`) });
    return;
  }
  const located: Partial<ToolCallView> = { source: tool.label };
  if (tool.descriptor.name !== call.name) {
    located.toolName = tool.descriptor.name;
  }
  if (deps.signal.aborted) {
    update({ ...located, state: 'cancelled', result: errorResult(cancelledText) });
    return;
  }
  if (deps.toolbox.needsApproval(tool)) {
    update({ ...located, state: 'awaitingApproval' });
    const outcome = await deps.approvals.ask(call.id, deps.signal);
    if (outcome === 'cancelled') {
      update({ state: 'cancelled', result: errorResult(cancelledText) });
      return;
    }
    if (outcome === 'deny') {
      update({ state: 'denied', result: errorResult('The user denied this call. Do not call it again unless the user asks you to; go on without it, or ask the user.') });
      return;
    }
    if (outcome === 'alwaysAllow') {
      await deps.toolbox.allowAlways(tool);
    }
  }
  update({ ...located, state: 'running' });
  const run = await deps.toolbox.run(tool, call.arguments, deps.signal);
  update({ state: run.state, result: run.result });
}

/** Runs the round's calls (replaced in `calls` as they change); resolves when each has a result. */
export async function runToolCalls(calls: ToolCallView[], deps: ToolCallRunnerDeps): Promise<void> {
  distinctIds(calls);
  await Promise.all(calls.map((_call, index) => runCall(calls, index, deps)));
}
