/**
 * The rounds of one answer. Each round offers the enabled tools (to a model that takes tools),
 * plans the request from the conversation and the rounds so far (`RequestPlanner`: instructions,
 * long chats, Model Settings, caching — the same for every round) and streams it. When the model
 * asked for calls, they run (`toolCallRunner.ts`, with the user's approval where needed), the round
 * moves into the message's `rounds` (`answerRounds.ts`) and the next round is asked. The loop ends
 * when the model answers without a call, on an error, on Stop (running tools are cancelled) or
 * after `switchboard.tools.maxRounds` rounds, where the view offers "Continue".
 */

import type { ChatMessageView, ToWebview } from '../../protocol/messages';
import type { ToolSettings } from '../toolSettings';
import type { Toolbox, ToolOffer } from '../tools/toolbox';
import { closeRound, finishedRoundsUsage, hasPendingCalls } from './answerRounds';
import type { StreamedAnswer } from './answerStream';
import { copy } from './conversationEdits';
import { errorText } from '../errorText';
import type { Localize } from './localize';
import type { Conversation, ModelChoice } from './ports';
import type { PlanOutcome, RequestPlanner } from './requestPlanner';
import type { ToolApprovals } from './toolApprovals';
import { runToolCalls } from './toolCallRunner';
import { tooLongError, withWindowNumbers } from './windowErrors';

/** The tools the chat offers, and the settings of the loop. */
export interface ToolLoopHost {
  toolbox: Toolbox;
  settings: () => ToolSettings;
}

/** True when requests to `model` offer tools: they are on and the catalogue does not say the model takes none. */
export function takesTools(tools: ToolLoopHost, models: ModelChoice, model: string): boolean {
  return tools.settings().enabled && models.facts(model).supportsTools !== false;
}

export interface ToolLoopDeps {
  planner: RequestPlanner;
  models: ModelChoice;
  localize: Localize;
  notice(message: string): void;
  /** The conversation's compactions changed. */
  compacted(): void;
  post(message: ToWebview): void;
  /** The message changed other than at its end (a round moved into `rounds`): the view gets it whole. */
  replace(): void;
  /** Posts what the view has not seen of the round (before its calls are shown running). */
  flush(): void;
  /** The answer changed (a call's state): the progress saver writes it soon. */
  grew(): void;
  tools?: ToolLoopHost;
}

/** The last request of an answer: its raw estimate and the prompt tokens the provider reported for it. */
export interface LastRequest {
  estimate: number;
  promptTokens: number | undefined;
}

/** What the loop works on: the running answer. */
export interface LoopAnswer {
  requestId: string;
  conversation: Conversation;
  message: ChatMessageView;
  abort: AbortController;
  answer: StreamedAnswer;
  approvals: ToolApprovals;
}

const noTools: ToolOffer = { tools: [], find: () => undefined };

export class ToolLoop {
  private toldOmittedImages = false;

  constructor(private readonly deps: ToolLoopDeps) {}

  /**
   * Runs the answer's rounds; resolves with the last request's estimate and reported prompt tokens
   * (undefined when none was sent), which correct the estimator: the message's usage is the sum
   * over every round, not one request's.
   */
  async run(running: LoopAnswer): Promise<LastRequest | undefined> {
    const { message, answer, abort } = running;
    const model = message.model ?? this.deps.models.current();
    let last: LastRequest | undefined;
    for (let round = 1; ; round++) {
      const offer = await this.offer(model, abort.signal);
      const outcome = await this.plan(running, model, offer);
      if (outcome === undefined) {
        answer.stop();
        break;
      }
      if (!outcome.ok) {
        answer.fail(tooLongError(outcome, model, this.deps.localize));
        break;
      }
      const request = outcome.request;
      this.tell(request, model);
      const before = finishedRoundsUsage(message)?.promptTokens ?? 0;
      await answer.run(request.messages, request.params);
      const total = message.usage?.promptTokens;
      last = { estimate: request.estimate, promptTokens: total === undefined ? undefined : total - before };
      if (message.error?.kind === 'ContextWindowExceededError') {
        message.error = withWindowNumbers(message.error, request, this.deps.localize);
      }
      const tools = this.deps.tools;
      if (tools === undefined || message.status !== 'complete' || !hasPendingCalls(message)) {
        break;
      }
      await this.runCalls(running, tools.toolbox, offer);
      if (abort.signal.aborted) {
        message.status = 'stopped';
        break;
      }
      closeRound(message);
      this.deps.replace();
      if (round >= tools.settings().maxRounds) {
        message.status = 'complete';
        message.roundLimitReached = true;
        break;
      }
    }
    return last;
  }

  /**
   * The tools of this round: none when tools are off, none are configured or the model takes none.
   * Stop does not wait for a server still starting (the toolbox waits up to 20 s for one).
   */
  private async offer(model: string, signal: AbortSignal): Promise<ToolOffer> {
    const tools = this.deps.tools;
    if (tools === undefined || !takesTools(tools, this.deps.models, model)) {
      return noTools;
    }
    const stopped = new Promise<ToolOffer>((resolve) => {
      if (signal.aborted) {
        resolve(noTools);
      }
      signal.addEventListener('abort', () => resolve(noTools), { once: true });
    });
    return Promise.race([tools.toolbox.offer(), stopped]);
  }

  /** Plans a round's request; undefined when stopped meanwhile. */
  private async plan(running: LoopAnswer, model: string, offer: ToolOffer): Promise<PlanOutcome | undefined> {
    const { conversation, abort } = running;
    if (abort.signal.aborted) {
      return undefined;
    }
    try {
      return await this.deps.planner.plan(conversation, model, abort.signal, offer.tools);
    } catch (error) {
      if (abort.signal.aborted) {
        return undefined;
      }
      throw error;
    }
  }

  /** What the plan did that the user should know: a compaction, a summary that failed, images left out (once). */
  private tell(request: Extract<PlanOutcome, { ok: true }>['request'], model: string): void {
    const { localize } = this.deps;
    if (request.compacted) {
      this.deps.compacted();
    }
    if (request.summaryFailure !== undefined) {
      this.deps.notice(localize('The earlier turns could not be summarised, so they were left out of the request instead ({0}).', errorText(request.summaryFailure)));
    }
    if (request.omittedImages > 0 && !this.toldOmittedImages) {
      this.toldOmittedImages = true;
      this.deps.notice(localize('{0} does not accept images: the attached images were left out.', model));
    }
  }

  /** Runs the round's calls; the answer streams on (`streaming`) while they run and wait for the user. */
  private async runCalls(running: LoopAnswer, toolbox: Toolbox, offer: ToolOffer): Promise<void> {
    const { message, requestId, approvals, abort } = running;
    message.status = 'streaming';
    this.deps.flush();
    const calls = message.toolCalls ?? [];
    message.toolCalls = calls;
    await runToolCalls(calls, {
      toolbox,
      offer,
      approvals,
      signal: abort.signal,
      changed: (call) => {
        this.deps.post({ type: 'chat/tool', requestId, messageId: message.id, call: copy(call) });
        this.deps.grew();
      },
    });
  }
}
