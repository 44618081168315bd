/**
 * What the next request of the conversation on screen carries, as the chat shows and steers it:
 * the Model Settings, the instruction files (each can be switched off for the conversation), the
 * context the "Add Context" picker brings, and the gauge of what it all costs the model's window.
 * The controller owns the conversation and the draft; this keeps their views current.
 */

import type { Attachment, ContextKind, ToWebview } from '../../protocol/messages';
import type { InstructionsView, ModelSettings, ModelSettingsView } from '../../protocol/requestViews';
import type { ChatSettings } from '../chatSettings';
import { errorText } from '../errorText';
import type { ChatInstructions } from './chatInstructions';
import type { Localize } from './localize';
import { modelSettingsView } from './modelParameters';
import type { ChatLog, ContextSources, Conversation, InstructionFiles, ModelChoice } from './ports';
import { reserveFor, type RequestPlanner } from './requestPlanner';
import { effectiveModelSettings } from './modelParameters';
import type { TokenEstimator } from './tokenEstimate';
import { attachmentTooLargeText } from './windowErrors';

export interface RequestContextHost {
  models: ModelChoice;
  settings: () => ChatSettings;
  estimator: TokenEstimator;
  instructions: ChatInstructions;
  instructionFiles: InstructionFiles | undefined;
  context: ContextSources | undefined;
  planner: RequestPlanner;
  log: ChatLog;
  localize: Localize;
  post(message: ToWebview): void;
  notice(message: string): void;
  /** The conversation on screen (loads it the first time). */
  conversation(): Promise<Conversation>;
  /** The draft's attachments now. */
  draft(): readonly Attachment[];
  /** Adds attachments to the draft (the controller's budget rules apply). */
  attach(attachments: Attachment[]): void;
  /** Saves the conversation when it has a file (a blank one keeps its choices in memory until its first question). */
  save(conversation: Conversation): Promise<void>;
  /** Runs `operation` after every request before it (the session's queue). */
  enqueue(operation: () => Promise<void>): Promise<void>;
  /** Logs a failure and tells the user that something went wrong. */
  unexpected(error: unknown): void;
}

export interface RequestViews {
  modelSettings: ModelSettingsView;
  instructions: InstructionsView;
}

/** What a folder may bring: a third of the room beside the answer, at most 32,000 tokens. */
function folderBudget(window: number, reserve: number): number {
  return Math.max(1_000, Math.min(32_000, Math.floor((window - reserve) / 3)));
}

export class RequestContext {
  /** The instruction files last listed per conversation: only those may be switched or opened. */
  private listed: { conversationId: string; paths: Set<string> } | undefined;
  private gaugeRun: Promise<void> | undefined;
  private gaugeAgain = false;

  constructor(private readonly host: RequestContextHost) {}

  /**
   * The views of the conversation's next request, for a snapshot; the gauge follows it
   * (`postGauge`), so the first snapshot never waits for the tokenizer to load.
   */
  async views(conversation: Conversation): Promise<RequestViews> {
    return {
      modelSettings: this.modelSettingsView(conversation, this.host.models.current()),
      instructions: await this.instructionsView(conversation),
    };
  }

  modelSettingsView(conversation: Conversation, model: string): ModelSettingsView {
    return modelSettingsView(conversation.modelSettings, this.host.settings().modelDefaults, model, this.host.models.facts(model));
  }

  /** The model, the settings or the instruction files changed: the view gets them all again. */
  async refresh(): Promise<void> {
    const conversation = await this.host.conversation();
    this.host.post({ type: 'modelSettings/set', modelSettings: this.modelSettingsView(conversation, this.host.models.current()) });
    this.host.post({ type: 'instructions/list', instructions: await this.instructionsView(conversation) });
    this.postGauge();
  }

  /**
   * The draft changed: the instruction files that apply follow the attached files (`applyTo`, the
   * nearest `AGENTS.md`), and the gauge follows everything.
   */
  async draftChanged(): Promise<void> {
    const conversation = await this.host.conversation();
    this.host.post({ type: 'instructions/list', instructions: await this.instructionsView(conversation) });
    this.postGauge();
  }

  /**
   * Posts the gauge of the conversation on screen, soon. Counting is asynchronous (the tokenizer
   * loads on the first count): calls while one runs fold into one more run, so the last state wins.
   */
  postGauge(): void {
    if (this.gaugeRun !== undefined) {
      this.gaugeAgain = true;
      return;
    }
    this.gaugeRun = this.measureAndPost()
      .catch((error: unknown) => this.host.log.warn(`Chat: the context gauge could not be measured: ${errorText(error)}`))
      .finally(() => {
        this.gaugeRun = undefined;
        if (this.gaugeAgain) {
          this.gaugeAgain = false;
          this.postGauge();
        }
      });
  }

  /** Resolves when no gauge is being measured (tests). */
  async settled(): Promise<void> {
    while (this.gaugeRun !== undefined) {
      await this.gaugeRun;
    }
  }

  /** The chat's Model Settings changed: kept with the conversation. */
  setModelSettings(settings: ModelSettings): Promise<void> {
    return this.host.enqueue(() => this.applyModelSettings(settings));
  }

  /** Switches an instruction file on or off for the conversation on screen. */
  toggleInstruction(path: string, enabled: boolean): Promise<void> {
    return this.host.enqueue(() => this.applyToggle(path, enabled));
  }

  /** The settings or the instruction files changed: the view gets the next request's views again. */
  changed(): void {
    void this.host.enqueue(() => this.refresh());
  }

  private async applyModelSettings(settings: ModelSettings): Promise<void> {
    const conversation = await this.host.conversation();
    if (Object.keys(settings).length === 0) {
      delete conversation.modelSettings;
    } else {
      conversation.modelSettings = { ...settings };
    }
    await this.host.save(conversation);
    this.host.post({ type: 'modelSettings/set', modelSettings: this.modelSettingsView(conversation, this.host.models.current()) });
    this.postGauge();
  }

  private async applyToggle(path: string, enabled: boolean): Promise<void> {
    const conversation = await this.host.conversation();
    if (!this.isListed(conversation, path)) {
      this.host.log.debug(`Chat: switching unknown instruction file ${path} ignored.`);
      return;
    }
    const disabled = new Set(conversation.disabledInstructions ?? []);
    if (enabled) {
      disabled.delete(path);
    } else {
      disabled.add(path);
    }
    if (disabled.size === 0) {
      delete conversation.disabledInstructions;
    } else {
      conversation.disabledInstructions = [...disabled].sort();
    }
    await this.host.save(conversation);
    this.host.post({ type: 'instructions/list', instructions: await this.instructionsView(conversation) });
    this.postGauge();
  }

  /** Opens an instruction file the chat listed (never another path). Not queued: the editor opens at once. */
  openInstruction(path: string): Promise<void> {
    return this.open(path).catch((error: unknown) => this.host.unexpected(error));
  }

  /**
   * The "Add Context" picker: asks where it must (a file, a folder) and attaches what fits the
   * model's window beside the instructions and the answer. Not queued: a quick pick waits for the
   * user, and the chat must not wait with it.
   */
  addContext(kind: ContextKind): Promise<void> {
    return this.add(kind).catch((error: unknown) => this.host.unexpected(error));
  }

  private async open(path: string): Promise<void> {
    const conversation = await this.host.conversation();
    if (this.host.instructionFiles === undefined || !this.isListed(conversation, path)) {
      this.host.log.debug(`Chat: opening unknown instruction file ${path} ignored.`);
      return;
    }
    await this.host.instructionFiles.open(path);
  }

  private async add(kind: ContextKind): Promise<void> {
    const sources = this.host.context;
    if (sources === undefined) {
      return;
    }
    const conversation = await this.host.conversation();
    const model = this.host.models.current();
    const facts = this.host.models.facts(model);
    const reserve = reserveFor(effectiveModelSettings(conversation.modelSettings, this.host.settings().modelDefaults, model).maxTokens, facts);
    const attachedFiles = this.host.draft().filter((attachment) => attachment.kind === 'file' || attachment.kind === 'selection').map((attachment) => attachment.name);
    const result = await sources.add(kind, { attachedFiles, tokenBudget: folderBudget(facts.window, reserve) });
    if ('problem' in result) {
      this.host.notice(result.problem);
      return;
    }
    const instructionTokens = await this.instructionTokens(conversation);
    const room = facts.window - reserve - instructionTokens;
    const fitting: Attachment[] = [];
    for (const attachment of result.attachments) {
      const tokens = this.host.estimator.corrected(model, await this.host.estimator.attachment(attachment));
      if (tokens > room) {
        this.host.notice(attachmentTooLargeText(attachment.name, tokens, { window: facts.window, reserve }, this.host.localize));
      } else {
        fitting.push({ ...attachment, tokens: attachment.tokens ?? tokens });
      }
    }
    if (fitting.length > 0) {
      this.host.attach(fitting);
    }
  }

  /** Attachments with their token counts (the chips show them before sending). */
  async counted(attachments: readonly Attachment[]): Promise<Attachment[]> {
    const result: Attachment[] = [];
    for (const attachment of attachments) {
      result.push(attachment.tokens === undefined ? { ...attachment, tokens: await this.host.estimator.attachment(attachment) } : attachment);
    }
    return result;
  }

  private async instructionTokens(conversation: Conversation): Promise<number> {
    const { text } = await this.host.instructions.of(conversation, this.host.draft());
    return text === undefined ? 0 : this.host.estimator.text(text);
  }

  private async instructionsView(conversation: Conversation): Promise<InstructionsView> {
    const { view } = await this.host.instructions.of(conversation, this.host.draft());
    this.listed = { conversationId: conversation.id, paths: new Set(view.files.map((file) => file.path)) };
    return view;
  }

  private isListed(conversation: Conversation, path: string): boolean {
    return this.listed?.conversationId === conversation.id && this.listed.paths.has(path);
  }

  private async measureAndPost(): Promise<void> {
    const conversation = await this.host.conversation();
    const gauge = await this.host.planner.gauge(conversation, this.host.models.current(), this.host.draft());
    this.host.post({ type: 'context/gauge', gauge });
  }
}
