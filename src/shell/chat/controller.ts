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

import { attachmentBudgetProblem } from '../../protocol/attachmentBudget';
import type { Attachment, BannerView, ChatSnapshot, DraftView, ToWebview } from '../../protocol/messages';
import { errorText } from '../errorText';
import { AnswerRunner } from './answerRunner';
import { ChatHistory } from './chatHistory';
import { appendQuestion, copy, cutAfterLastQuestion, replaceQuestion, type Asking } from './conversationEdits';
import { CurrentConversation } from './currentConversation';
import { mergeDraft } from './drafts';
import { formatMessage, type Localize } from './localize';
import type { ChatCompletions, ChatEnvironment, ChatLog, Conversation, ConversationStore, ModelChoice, WebviewSink } from './ports';
import { totalsOf } from './usage';
import { attachmentBudgetText } from './userErrors';
import { ViewChannel } from './viewChannel';

export interface ChatControllerDeps {
  client: ChatCompletions;
  store: ConversationStore;
  models: ModelChoice;
  log: ChatLog;
  env: ChatEnvironment;
}

export class ChatController {
  private readonly localize: Localize;
  private readonly view: ViewChannel;
  private readonly conversations: CurrentConversation;
  private draft: DraftView | undefined;
  private banner: BannerView | undefined;
  private readonly answers: AnswerRunner;
  /** The saved conversations: open, rename, delete. */
  readonly history: ChatHistory;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly deps: ChatControllerDeps) {
    const localize = deps.env.localize?.bind(deps.env);
    this.localize = localize ?? formatMessage;
    this.view = new ViewChannel(deps.log);
    this.conversations = new CurrentConversation(deps);
    this.history = new ChatHistory({
      ...deps,
      localize: this.localize,
      view: this.view,
      conversations: this.conversations,
      stopAnswer: () => this.answers.stop(),
      postSnapshot: () => this.postSnapshot(),
      enqueue: (operation) => this.enqueue(operation),
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
    return this.enqueue(async () => {
      this.draft = draft;
    });
  }

  /** Context for the next message (Ask About Selection): replaces the draft and fills the composer. */
  setDraft(draft: DraftView): void {
    this.draft = copy(draft);
    this.post({ type: 'draft/set', draft: copy(draft) });
  }

  /**
   * Adds context to the draft (attach the active file) without dropping what is already there; past
   * the attachment budget it adds nothing and says why, as the composer does for a pasted image.
   */
  appendToDraft(addition: DraftView): void {
    const merged = mergeDraft(this.draft, addition);
    if (this.refuseOverBudget(merged.attachments)) {
      return;
    }
    this.setDraft(merged);
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
  idle(): Promise<void> {
    return this.answers.idle();
  }

  /** Stops a running answer (it is still saved as stopped) and posts nothing more. */
  dispose(): void {
    this.disposed = true;
    this.cancel();
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
    const streaming = this.answers.syncForSnapshot(conversation);
    const snapshot: ChatSnapshot = {
      conversationId: conversation.id,
      title: conversation.title,
      messages: copy(conversation.messages),
      model: this.deps.models.current(),
      models: this.deps.models.options(),
      history,
      totals: totalsOf(conversation.messages),
    };
    if (streaming !== undefined) {
      snapshot.streaming = streaming;
    }
    if (this.banner !== undefined) {
      snapshot.banner = copy(this.banner);
    }
    if (this.draft !== undefined) {
      snapshot.draft = copy(this.draft);
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

  /**
   * True (and the user told why) when attachments exceed the budget. The composer refuses first;
   * this is for a message it did not make (a compromised view): nothing of it reaches the model.
   */
  private refuseOverBudget(attachments: readonly Attachment[]): boolean {
    const problem = attachmentBudgetProblem(attachments);
    if (problem === undefined) {
      return false;
    }
    this.deps.log.warn(`Chat: refused ${problem.reason === 'tooMany' ? `${problem.count} attachments` : `${problem.bytes} bytes of attachments`} (over the budget).`);
    this.notice(attachmentBudgetText(problem, this.localize));
    return true;
  }

  private async ask(requestId: string, text: string, attachments: Attachment[]): Promise<void> {
    if (this.refuseWhileBusy() || (text.trim().length === 0 && attachments.length === 0) || this.refuseOverBudget(attachments)) {
      return;
    }
    const conversation = await this.conversations.get();
    const question = appendQuestion(conversation, text, attachments, this.asking(), this.localize('New chat'));
    this.draft = undefined;
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
    await this.answers.start(conversation, requestId);
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
