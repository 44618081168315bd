/**
 * The request for a conversation's next answer, and what it will cost the model's window. One
 * place reads the conversation the way the model will: the instructions as the system message,
 * the summary of earlier turns after them, the turns since the last compaction, the Model Settings
 * as parameters, cache breakpoints where the provider needs them. When the turns do not fit
 * (`contextFit.ts`), it summarises them once (`summarizer.ts`) or leaves them out, as
 * `switchboard.chat.longChats` says, and records a compaction the conversation shows as a divider.
 * The gauge is the same measure without the summary request.
 */

import type { Message, Tool } from '../../core';
import type { Attachment } from '../../protocol/messages';
import type { ContextGaugeView } from '../../protocol/requestViews';
import type { ChatSettings } from '../chatSettings';
import { fallbackOutputTokens, type ModelFacts } from '../modelLimits';
import { toApiMessages } from './apiMessages';
import { needsCacheBreakpoints, withCacheBreakpoints } from './cacheBreakpoints';
import type { ChatInstructions } from './chatInstructions';
import { currentCut, recordDrop, recordSummary } from './compactions';
import { fitConversation, type FitMessage } from './contextFit';
import { effectiveModelSettings, requestParams } from './modelParameters';
import type { ChatCompletions, ChatRequestParams, Conversation, ModelChoice, ChatUsageLog } from './ports';
import { writeSummary } from './summarizer';
import { TokenEstimator } from './tokenEstimate';

export interface PlannerDeps {
  client: ChatCompletions;
  /** Where each request's usage is counted by day and model; nothing is counted without it. */
  usage?: ChatUsageLog;
  models: ModelChoice;
  estimator: TokenEstimator;
  instructions: ChatInstructions;
  settings: () => ChatSettings;
  /** The tools the next request would offer as they stand (starting nothing): the gauge counts them. */
  tools?: (model: string) => readonly Tool[];
  newId(): string;
  now(): number;
}

export interface PlannedRequest {
  messages: Message[];
  params: ChatRequestParams;
  /** The raw estimate of its prompt tokens (compared with the provider's report afterwards). */
  estimate: number;
  /** The same, corrected by what the provider reported before. */
  corrected: number;
  window: number;
  reserve: number;
  /** Images left out because the model does not accept them. */
  omittedImages: number;
  /** True when a compaction was recorded for it. */
  compacted: boolean;
  /** Why the summary could not be made (the turns were left out instead). */
  summaryFailure?: unknown;
}

export type PlanOutcome = { ok: true; request: PlannedRequest } | { ok: false; tokens: number; budget: number; window: number; reserve: number };

/**
 * Tokens kept free for the answer: the chat's maximum output when set, else the model's output
 * limit up to 4,096, and never more than a quarter of the window (a small model still gets room to ask).
 */
export function reserveFor(maxTokens: number | undefined, facts: ModelFacts): number {
  if (maxTokens !== undefined) {
    return Math.min(maxTokens, Math.floor(facts.window / 2));
  }
  return Math.min(facts.maxOutputTokens ?? fallbackOutputTokens, fallbackOutputTokens, Math.floor(facts.window / 4));
}

/** A summary's own length: enough to carry a chat, small beside the window. */
function summaryAllowance(budget: number): number {
  return Math.max(128, Math.min(1_024, Math.floor(budget / 6)));
}

function systemText(instructions: string | undefined, summary: string | undefined): string | undefined {
  const summaryBlock = summary === undefined ? undefined : `Summary of the earlier part of this conversation (the messages themselves are no longer included):\n${summary}`;
  const parts = [instructions, summaryBlock].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? undefined : parts.join('\n\n');
}

interface Measured {
  facts: ModelFacts;
  reserve: number;
  budget: number;
  instructions: string | undefined;
  instructionTokens: number;
  summary: string | undefined;
  summaryTokens: number;
  /** The tool definitions the request offers, counted with the instructions (they are sent with every request). */
  toolTokens: number;
  from: number;
  fit: FitMessage[];
}

export class RequestPlanner {
  constructor(private readonly deps: PlannerDeps) {}

  /** The gauge: what the next request would use, with the draft's attachments, before any cut. */
  async gauge(conversation: Conversation, model: string, draft: readonly Attachment[]): Promise<ContextGaugeView> {
    const measured = await this.measure(conversation, model, draft, this.deps.tools?.(model) ?? []);
    let used = measured.instructionTokens + measured.summaryTokens;
    for (let index = measured.from; index < measured.fit.length; index++) {
      used += measured.fit[index]?.tokens ?? 0;
    }
    for (const attachment of draft) {
      used += await this.deps.estimator.attachment(attachment);
    }
    return { used: this.deps.estimator.corrected(model, TokenEstimator.total([used])), window: measured.facts.window, reserve: measured.reserve, windowKnown: measured.facts.windowKnown };
  }

  /**
   * The request answering the conversation's last question (its messages end with it, or with the
   * rounds its answer finished so far), offering `tools`. May summarise (a request of its own,
   * under `signal`) and records any compaction on the conversation.
   */
  async plan(conversation: Conversation, model: string, signal: AbortSignal, tools: readonly Tool[] = []): Promise<PlanOutcome> {
    const messages = conversation.messages;
    const measured = await this.measure(conversation, model, [], tools);
    const mode = this.deps.settings().longChats;
    const allowance = summaryAllowance(measured.budget);
    const plan = fitConversation({
      messages: measured.fit,
      from: measured.from,
      instructions: measured.instructionTokens,
      summary: measured.summaryTokens,
      budget: measured.budget,
      summaryAllowance: allowance,
      mode,
    });
    if (plan.kind === 'tooLarge') {
      return { ok: false, tokens: plan.tokens, budget: plan.budget, window: measured.facts.window, reserve: measured.reserve };
    }
    let from = plan.from;
    let summary = measured.summary;
    let compacted = false;
    let summaryFailure: unknown;
    if (plan.kind === 'summarize') {
      try {
        const written = await writeSummary(this.deps.client, this.deps.estimator, {
          model,
          previous: measured.summary,
          messages: messages.slice(plan.condenseFrom, plan.from),
          window: measured.facts.window,
          allowance,
          params: requestParams({ reasoning: 'off' }, model, measured.facts),
          signal,
        });
        summary = written.text;
        this.deps.usage?.record(model, written.usage);
        recordSummary(conversation, { id: this.deps.newId(), at: this.deps.now(), from: plan.from, summary: written.text, usage: written.usage });
        compacted = true;
      } catch (error) {
        if (signal.aborted) {
          throw error;
        }
        // The chat goes on without the summary: the turns it would have held are left out instead, and said so.
        summaryFailure = error;
      }
    }
    if (plan.kind === 'drop' || summaryFailure !== undefined) {
      const drop = summaryFailure === undefined ? plan : fitConversation({ ...this.fitInput(measured, allowance), mode: 'drop' });
      if (drop.kind === 'tooLarge') {
        return { ok: false, tokens: drop.tokens, budget: drop.budget, window: measured.facts.window, reserve: measured.reserve };
      }
      from = drop.from;
      recordDrop(conversation, { id: this.deps.newId(), at: this.deps.now(), from });
      compacted = true;
    }
    return { ok: true, request: await this.assemble(conversation, model, measured, from, summary, compacted, summaryFailure, tools) };
  }

  private fitInput(measured: Measured, allowance: number): Omit<Parameters<typeof fitConversation>[0], 'mode'> {
    return { messages: measured.fit, from: measured.from, instructions: measured.instructionTokens, summary: measured.summaryTokens, budget: measured.budget, summaryAllowance: allowance };
  }

  private async assemble(conversation: Conversation, model: string, measured: Measured, from: number, summary: string | undefined, compacted: boolean, summaryFailure: unknown, tools: readonly Tool[]): Promise<PlannedRequest> {
    const { models, estimator } = this.deps;
    const settings = this.deps.settings();
    const api = toApiMessages(conversation.messages.slice(from), models.supportsVision(model));
    const system = systemText(measured.instructions, summary);
    let messages: Message[] = system === undefined ? api.messages : [{ role: 'system', content: system }, ...api.messages];
    const estimate = TokenEstimator.total([...(await estimator.each(messages)), measured.toolTokens]);
    if (settings.promptCaching && needsCacheBreakpoints(model)) {
      messages = withCacheBreakpoints(messages);
    }
    const effective = effectiveModelSettings(conversation.modelSettings, settings.modelDefaults, model);
    const params = requestParams(effective, model, measured.facts);
    if (tools.length > 0) {
      params.tools = [...tools];
    }
    const request: PlannedRequest = {
      messages,
      params,
      estimate,
      corrected: estimator.corrected(model, estimate),
      window: measured.facts.window,
      reserve: measured.reserve,
      omittedImages: api.omittedImages,
      compacted,
    };
    if (summaryFailure !== undefined) {
      request.summaryFailure = summaryFailure;
    }
    return request;
  }

  /** Counts what the model would read, each message on its own, with the current cut and summary. */
  private async measure(conversation: Conversation, model: string, draft: readonly Attachment[], tools: readonly Tool[]): Promise<Measured> {
    const { models, estimator } = this.deps;
    const settings = this.deps.settings();
    const facts = models.facts(model);
    const effective = effectiveModelSettings(conversation.modelSettings, settings.modelDefaults, model);
    const reserve = reserveFor(effective.maxTokens, facts);
    const correction = estimator.correction(model);
    const instructions = (await this.deps.instructions.of(conversation, draft)).text;
    const cut = currentCut(conversation);
    const vision = models.supportsVision(model);
    const fit: FitMessage[] = [];
    for (const message of conversation.messages) {
      // An answer that used tools is several API messages (its rounds, calls and results).
      const api = toApiMessages([message], vision).messages;
      const tokens = (await estimator.each(api)).reduce((sum, count) => sum + count, 0);
      fit.push({ role: message.role, tokens: Math.ceil(tokens * correction) });
    }
    const summaryTokens = cut.summary === undefined ? 0 : Math.ceil((await estimator.text(cut.summary)) * correction) + 30;
    const toolTokens = tools.length === 0 ? 0 : Math.ceil((await estimator.text(JSON.stringify(tools))) * correction);
    const instructionTokens = (instructions === undefined ? 0 : Math.ceil((await estimator.text(instructions)) * correction) + 10) + toolTokens;
    return { facts, reserve, budget: facts.window - reserve, instructions, instructionTokens, summary: cut.summary, summaryTokens, toolTokens, from: cut.from, fit };
  }
}
