/**
 * The chat session on the host: owns the current conversation, the draft, the banner and at most
 * one running answer, and tells the view what changed; its `history` (chatHistory.ts) opens,
 * renames and deletes saved conversations. It imports no `vscode`: the shell hands it plain ports
 * (ports.ts), so it runs and is tested in plain Node. The view's messages reach its methods
 * through the router's handler map (webviewRouter.ts).
 *
 * Requests are handled one at a time, in order (a cancel jumps the queue, so Stop works while
 * anything else waits). A send, regenerate or edit resolves once its answer started; the answer
 * streams on in the background — also while no view is attached — and `idle()` says when it
 * ended. A send while an answer streams is refused with a notice: the user stops the first
 * (Escape) or waits. Starting another conversation stops a running answer first (it ends
 * `stopped`, its partial text saved).
 */

import type { Attachment, BannerView, ChatMessageView, ChatSnapshot, ContextKind, DraftView, ModelSettings, ToWebview } from '../../protocol/messages';
import { defaultChatSettings, type ChatSettings } from '../chatSettings';
import { errorText } from '../errorText';
import { TokenCounter } from '../lm/tokenCount';
import { AnswerRunner } from './answerRunner';
import { ChatDraft } from './chatDraft';
import { ChatHistory } from './chatHistory';
import { ChatInstructions } from './chatInstructions';
import { compactionViews, pruneCompactions } from './compactions';
import { appendQuestion, copy, cutAfterLastQuestion, replaceQuestion, type Asking } from './conversationEdits';
import { CurrentConversation } from './currentConversation';
import { formatMessage, type Localize } from './localize';
import type { ChatCompletions, ChatEnvironment, ChatLog, ContextSources, Conversation, ConversationStore, InstructionFiles, ModelChoice, TokenCounting, WebviewSink } from './ports';
import { RequestContext } from './requestContext';
import { RequestPlanner } from './requestPlanner';
import { TokenEstimator } from './tokenEstimate';
import { conversationTotals } from './usage';
import { ViewChannel } from './viewChannel';

export interface ChatControllerDeps {
  client: ChatCompletions;
  store: ConversationStore;
  models: ModelChoice;
  log: ChatLog;
  env: ChatEnvironment;
  /** `switchboard.chat.*` and `switchboard.modelDefaults`, read on each use; the defaults without it. */
  settings?: () => ChatSettings;
  /** The workspace's instruction files; none without it. */
  instructions?: InstructionFiles;
  /** The "Add Context" picker's sources; the picker adds nothing without them. */
  context?: ContextSources;
  /** The tokenizer; o200k from gpt-tokenizer without it. */
  tokens?: TokenCounting;
}

export class ChatController {
  private readonly localize: Localize;
  private readonly view: ViewChannel;
  private readonly conversations: CurrentConversation;
  private readonly draft: ChatDraft;
  private banner: BannerView | undefined;
  private readonly answers: AnswerRunner;
  private readonly estimator: TokenEstimator;
  /** The next request's Model Settings, instructions, added context and gauge. */
  readonly next: RequestContext;
  /** The saved conversations: open, rename, delete. */
  readonly history: ChatHistory;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly deps: ChatControllerDeps) {
    const localize = deps.env.localize?.bind(deps.env);
    this.localize = localize ?? formatMessage;
    this.view = new ViewChannel(deps.log);
    this.conversations = new CurrentConversation(deps);
    this.draft = new ChatDraft({ log: deps.log, localize: this.localize, post: (message) => this.post(message), notice: (message) => this.notice(message), enqueue: (operation) => this.enqueue(operation), next: () => this.next });
    const settings = deps.settings ?? ((): ChatSettings => defaultChatSettings);
    this.estimator = new TokenEstimator(deps.tokens ?? new TokenCounter());
    const instructions = new ChatInstructions(deps.instructions, settings, this.estimator);
    const planner = new RequestPlanner({ client: deps.client, models: deps.models, estimator: this.estimator, instructions, settings, newId: () => deps.env.newId(), now: () => deps.env.now() });
    this.next = new RequestContext({
      models: deps.models,
      settings,
      estimator: this.estimator,
      instructions,
      instructionFiles: deps.instructions,
      context: deps.context,
      planner,
      log: deps.log,
      localize: this.localize,
      post: (message) => this.post(message),
      notice: (message) => this.notice(message),
      conversation: () => this.conversations.get(),
      draft: () => this.draft.attachments,
      attach: (attachments) => void this.appendToDraft({ attachments }),
      save: (conversation) => (conversation.messages.length === 0 ? Promise.resolve() : this.history.save(conversation)),
    });
    this.history = new ChatHistory({
      ...deps,
      localize: this.localize,
      view: this.view,
      conversations: this.conversations,
      stopAnswer: () => this.answers.stop(),
      postSnapshot: () => this.postSnapshot(),
      enqueue: (operation) => this.enqueue(operation),
      // Titles by the model only where the settings say so: a chat built without them (tests) keeps first lines.
      ...(deps.settings === undefined ? {} : { titleMode: () => settings().titles }),
    });
    this.answers = new AnswerRunner({
      ...deps,
      localize: this.localize,
      post: (message) => this.post(message),
      notice: (message) => this.notice(message),
      saveAndList: (conversation) => this.history.saveAndList(conversation),
      save: (conversation) => this.history.save(conversation),
      isCurrent: (conversation) => conversation === this.conversations.known,
      unexpected: (error) => this.unexpected(error),
      planner,
      compacted: (conversation) => this.postCompactions(conversation),
      answered: (conversation, message, estimate) => this.answered(conversation, message, estimate),
    });
  }

  /** A view was resolved: it will send `ready`, and gets a snapshot then. */
  attachView(sink: WebviewSink): void {
    this.view.attach(sink);
  }

  /** The view was disposed; a running answer keeps streaming and is saved when it ends. */
  detachView(): void {
    this.view.detach();
  }

  /** The view is ready to listen: it gets the whole state. */
  ready(): Promise<void> {
    return this.enqueue(async () => {
      this.view.markReady();
      await this.postSnapshot();
    });
  }

  /** Asks the current conversation a question; resolves once its answer started. */
  send(requestId: string, text: string, attachments: Attachment[]): Promise<void> {
    return this.enqueue(() => this.ask(requestId, text, attachments));
  }

  /** Answers the last question again: replaces its answer, or answers it after an error. */
  regenerate(requestId: string): Promise<void> {
    return this.enqueue(() => this.answerAgain(requestId));
  }

  /** Replaces a question and drops everything after it, then answers: `chat/truncated` from the old question, `chat/appended` of the new. */
  edit(requestId: string, messageId: string, text: string): Promise<void> {
    return this.enqueue(() => this.replaceAndAnswer(requestId, messageId, text));
  }

  selectModel(model: string): Promise<void> {
    return this.enqueue(() => this.choose(model));
  }

  /** The draft's attachments changed in the view (one removed, an image pasted). */
  updateDraft(draft: DraftView): Promise<void> {
    return this.draft.update(draft);
  }

  /** Context for the next message (Ask About Selection): replaces the draft and fills the composer. */
  setDraft(draft: DraftView): Promise<void> {
    return this.draft.set(draft);
  }

  /** Adds context to the draft (attach the active file, the "Add Context" picker) without dropping what is already there. */
  appendToDraft(addition: DraftView): Promise<void> {
    return this.draft.append(addition);
  }

  /** The "Add Context" picker: the host asks where it must (a file, a folder) and attaches what fits the model's window. */
  addContext(kind: ContextKind): Promise<void> {
    // Not queued: a quick pick waits for the user, and the chat must not wait with it.
    return this.next.addContext(kind).catch((error: unknown) => this.unexpected(error));
  }

  /** The chat's Model Settings changed (kept with the conversation). */
  setModelSettings(settings: ModelSettings): Promise<void> {
    return this.enqueue(() => this.next.setModelSettings(settings));
  }

  /** Switches an instruction file on or off for the conversation on screen. */
  toggleInstruction(path: string, enabled: boolean): Promise<void> {
    return this.enqueue(() => this.next.toggleInstruction(path, enabled));
  }

  openInstruction(path: string): Promise<void> {
    return this.next.openInstruction(path).catch((error: unknown) => this.unexpected(error));
  }

  /** Settings or instruction files changed: the view gets the next request's views again. */
  requestContextChanged(): void {
    void this.enqueue(() => this.next.refresh());
  }

  setBanner(banner: BannerView | undefined): void {
    this.banner = banner === undefined ? undefined : copy(banner);
    this.post(banner === undefined ? { type: 'banner/set' } : { type: 'banner/set', banner: copy(banner) });
  }

  /** A short notice in the chat ("Copied"), when a view listens. */
  notice(message: string): void {
    this.view.notice(message);
  }

  /** Keys or settings changed: the view gets the new list of models. */
  modelsChanged(): void {
    this.post({ type: 'models/list', models: this.deps.models.options(), current: this.deps.models.current() });
    this.requestContextChanged();
  }

  newChat(): Promise<void> {
    return this.enqueue(() => this.startNewChat());
  }

  /**
   * Stops the running answer (Escape, the Stop button, a command), or only the one of `requestId`
   * when given; its partial text is kept. Not queued: Stop works while anything else waits.
   */
  cancel(requestId?: string): void {
    this.answers.cancel(requestId);
  }

  /** A copy of a conversation (for export): the current one when no id is given, with the streaming answer as it stands. */
  async conversation(id?: string): Promise<Conversation | undefined> {
    if (id === undefined || id === this.conversations.known?.id) {
      const conversation = await this.conversations.get();
      this.answers.sync();
      return copy(conversation);
    }
    return this.deps.store.load(id);
  }

  /** Resolves when no answer is running (all posted and saved). */
  async idle(): Promise<void> {
    await this.answers.idle();
    await this.history.idle();
    await this.next.settled();
  }

  /** Stops a running answer (it is still saved as stopped) and a title being written, and posts nothing more. */
  dispose(): void {
    this.disposed = true;
    this.cancel();
    this.history.dispose();
    this.view.close();
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const result = this.queue.then(async () => {
      if (!this.disposed) {
        await operation();
      }
    });
    this.queue = result.catch((error: unknown) => this.unexpected(error));
    return this.queue;
  }

  private unexpected(error: unknown): void {
    this.deps.log.error(`Chat: ${errorText(error, 'stack')}`);
    this.notice(this.localize('Something went wrong in the chat; the log has the details.'));
  }

  private post(message: ToWebview): void {
    this.view.post(message);
  }

  private async postSnapshot(): Promise<void> {
    const conversation = await this.conversations.get();
    const history = await this.conversations.history();
    // First: the streaming answer's message is brought up to date, so the copy below holds all of it.
    const views = await this.next.views(conversation);
    const streaming = this.answers.syncForSnapshot(conversation);
    const snapshot: ChatSnapshot = {
      conversationId: conversation.id,
      title: conversation.title,
      messages: copy(conversation.messages),
      model: this.deps.models.current(),
      models: this.deps.models.options(),
      history,
      totals: conversationTotals(conversation),
      ...views,
      compactions: compactionViews(conversation),
    };
    if (streaming !== undefined) {
      snapshot.streaming = streaming;
    }
    if (this.banner !== undefined) {
      snapshot.banner = copy(this.banner);
    }
    const draft = this.draft.view;
    if (draft !== undefined) {
      snapshot.draft = draft;
    }
    this.post({ type: 'state/snapshot', snapshot });
  }

  /** True (and the user told why) when an answer is streaming: one answer at a time. */
  private refuseWhileBusy(): boolean {
    if (!this.answers.busy) {
      return false;
    }
    this.notice(this.localize('An answer is still streaming. Stop it (Escape) or wait for it to finish, then send again.'));
    return true;
  }

  private asking(): Asking {
    return { id: this.deps.env.newId(), now: this.deps.env.now(), model: this.deps.models.current() };
  }

  private async ask(requestId: string, text: string, attachments: Attachment[]): Promise<void> {
    if (this.refuseWhileBusy() || (text.trim().length === 0 && attachments.length === 0) || this.draft.refuseOverBudget(attachments)) {
      return;
    }
    const conversation = await this.conversations.get();
    const question = appendQuestion(conversation, text, attachments, this.asking(), this.localize('New chat'));
    this.draft.clear();
    this.post({ type: 'chat/appended', message: copy(question) });
    await this.answers.start(conversation, requestId);
  }

  private async answerAgain(requestId: string): Promise<void> {
    if (this.refuseWhileBusy()) {
      return;
    }
    const conversation = await this.conversations.get();
    const cut = cutAfterLastQuestion(conversation);
    if (cut === undefined) {
      return;
    }
    const [first] = cut.removed;
    if (first !== undefined) {
      this.post({ type: 'chat/truncated', fromMessageId: first.id });
    }
    await this.answers.start(conversation, requestId);
  }

  private async replaceAndAnswer(requestId: string, messageId: string, text: string): Promise<void> {
    if (this.refuseWhileBusy()) {
      return;
    }
    const conversation = await this.conversations.get();
    const edited = replaceQuestion(conversation, messageId, text, this.asking());
    if (edited === undefined) {
      this.deps.log.debug(`Chat: edit of unknown question ${messageId} ignored.`);
      return;
    }
    this.post({ type: 'chat/truncated', fromMessageId: edited.old.id });
    this.post({ type: 'chat/appended', message: copy(edited.question) });
    if (pruneCompactions(conversation)) {
      this.postCompactions(conversation);
    }
    await this.answers.start(conversation, requestId);
  }

  private postCompactions(conversation: Conversation): void {
    if (conversation === this.conversations.known) {
      this.post({ type: 'chat/compacted', compactions: compactionViews(conversation) });
    }
  }

  /** An answer ended: the provider's count corrects the estimate, and the gauge shows the conversation as it is now. */
  private answered(conversation: Conversation, message: ChatMessageView, estimate: number | undefined): void {
    if (estimate !== undefined && message.model !== undefined) {
      this.estimator.observe(message.model, estimate, message.usage?.promptTokens);
    }
    if (conversation === this.conversations.known) {
      this.next.postGauge();
    }
    this.history.answered(conversation);
  }

  private async startNewChat(): Promise<void> {
    await this.answers.stop();
    const current = await this.conversations.get();
    if (current.messages.length === 0) {
      return;
    }
    this.conversations.startBlank();
    await this.postSnapshot();
  }

  private async choose(model: string): Promise<void> {
    try {
      await this.deps.models.select(model);
    } catch (error) {
      this.notice(this.localize('{0} could not be selected: {1}', model, errorText(error)));
    }
    this.modelsChanged();
  }
}
