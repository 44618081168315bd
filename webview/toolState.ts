/**
 * The tools' part of the webview's reducer: a tool call that changed (`chat/tool`) replaces the
 * call with its id in its message, with new objects only along the way to it (the message, its
 * list of calls, or the round holding it), so every other call, round and message keeps its
 * object and the renderer leaves its DOM alone.
 */

import type { ChatMessageView, ToolCallView } from '../src/protocol/messages';
import type { ToolsView } from '../src/protocol/toolViews';

/** Until the first snapshot: nothing to list, nothing sent. */
export const noTools: ToolsView = { enabled: false, modelSupportsTools: false, autoApproveReadOnly: false, sources: [] };

/**
 * The message with `call` in place of the call with its id: in the current round's calls, else in
 * a finished round's (a late word on an earlier round), else added to the current round's.
 */
export function withToolCall(message: ChatMessageView, call: ToolCallView): ChatMessageView {
  const calls = message.toolCalls ?? [];
  const current = replaceCall(calls, call);
  if (current !== undefined) {
    return current === calls ? message : { ...message, toolCalls: current };
  }
  const rounds = message.rounds ?? [];
  for (const [index, round] of rounds.entries()) {
    const replaced = replaceCall(round.toolCalls, call);
    if (replaced !== undefined) {
      return replaced === round.toolCalls ? message : { ...message, rounds: rounds.map((each, at) => (at === index ? { ...round, toolCalls: replaced } : each)) };
    }
  }
  return { ...message, toolCalls: [...calls, call] };
}

/** The calls with `call` in place of its namesake (the same list when it is the same object); undefined when none has its id. */
function replaceCall(calls: ToolCallView[], call: ToolCallView): ToolCallView[] | undefined {
  const index = calls.findIndex((candidate) => candidate.id === call.id);
  if (index === -1) {
    return undefined;
  }
  if (calls[index] === call) {
    return calls;
  }
  const copy = calls.slice();
  copy[index] = call;
  return copy;
}

/** How many tools the next request may offer: every switched-on tool of a switched-on source (none while tools are off). */
export function enabledToolCount(tools: ToolsView): number {
  if (!tools.enabled) {
    return 0;
  }
  return tools.sources.reduce((count, source) => count + (source.enabled ? source.tools.filter((tool) => tool.enabled).length : 0), 0);
}
