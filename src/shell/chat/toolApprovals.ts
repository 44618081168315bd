/**
 * The calls of the running answer that wait for the user: each waits until the view answers
 * Allow, Always Allow or Deny for it, or the answer is stopped. Only a call waiting now is acted
 * on: the view is untrusted, and an answer for any other id (a forged one, a late click) is dropped.
 */

import type { ToolDecision } from '../../protocol/toolViews';

export type ApprovalOutcome = ToolDecision | 'cancelled';

export class ToolApprovals {
  private readonly waiting = new Map<string, (outcome: ApprovalOutcome) => void>();

  /** Waits for the user's answer to call `callId`; `cancelled` when `signal` aborts first. */
  ask(callId: string, signal: AbortSignal): Promise<ApprovalOutcome> {
    if (signal.aborted) {
      return Promise.resolve('cancelled');
    }
    return new Promise((resolve) => {
      const settle = (outcome: ApprovalOutcome): void => {
        this.waiting.delete(callId);
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const onAbort = (): void => settle('cancelled');
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(callId, settle);
    });
  }

  /** The user's answer; false (nothing done) when no call `callId` is waiting. */
  answer(callId: string, decision: ToolDecision): boolean {
    const settle = this.waiting.get(callId);
    if (settle === undefined) {
      return false;
    }
    settle(decision);
    return true;
  }

  /** How many calls wait for the user now. */
  get size(): number {
    return this.waiting.size;
  }
}
