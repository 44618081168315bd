/**
 * The chat's host side: owns the current conversation, the draft, the banner and at most one
 * running answer, and tells the view what changed. It imports no `vscode`: the shell hands it
 * plain ports (ports.ts), so it runs and is tested in plain Node.
 *
 * Messages from the view are handled one at a time, in order (a cancel jumps the queue, so Stop
 * works while anything else waits). A send, regenerate or edit resolves once its answer started;
 * the answer streams on in the background — also while no view is attached — and `idle()` says
 * when it ended. A send while an answer streams is refused with a notice: the user stops the
 * first (Escape) or waits. Opening, deleting or starting another conversation stops a running
 * answer first (it ends `stopped`, its partial text saved).
 */

import type { BannerView, ChatSnapshot, DraftView, FromWebview, ToWebview } from '../../protocol/messages';
import { AnswerRunner } from './answerRunner';
import { appendQuestion, copy, cutAfterLastQuestion, replaceQuestion, type Asking } from './chatState';
import { CurrentConversation } from './currentConversation';
import { mergeDraft } from './drafts';
import { errorText } from '../errorText';
import { formatMessage, type Localize } from './localize';
import type { ChatCompletions, ChatEnvironment, ChatLog, Conversation, ConversationStore, ModelChoice, WebviewSink } from './ports';
import { totalsOf } from './usage';
import { ViewChannel } from './viewChannel';

export interface ChatControllerDeps {
  completions: ChatCompletions;
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
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly deps: ChatControllerDeps) {
    const localize = deps.env.localize?.bind(deps.env);
    this.localize = localize ?? formatMessage;
    this.view = new ViewChannel(deps.log);
    this.conversations = new CurrentConversation(deps);
    this.answers = new AnswerRunner({
      completions: deps.completions,
      models: deps.models,
      log: deps.log,
      env: deps.env,
      localize: this.localize,
      post: (message) => this.post(message),
      notice: (message) => this.notice(message),
      saveAndList: (conversation) => this.saveAndList(conversation),
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

  /** Handles a message from the view (already checked by `parseFromWebview`). Never rejects. */
  handle(message: FromWebview): Promise<void> {
    if (message.type === 'chat/cancel') {
      this.answers.cancel(message.requestId);
      return Promise.resolve();
    }
    return this.enqueue(() => this.dispatch(message));
  }

  /** Context for the next message (Ask About Selection): replaces the draft and fills the composer. */
  setDraft(draft: DraftView): void {
    this.draft = copy(draft);
    this.post({ type: 'draft/set', draft: copy(draft) });
  }

  /** Adds context to the draft (attach the active file) without dropping what is already there. */
  appendToDraft(addition: DraftView): void {
    this.setDraft(mergeDraft(this.draft, addition));
  }

  setBanner(banner: BannerView | undefined): void {
    this.banner = banner === undefined ? undefined : copy(banner);
    this.post(banner === undefined ? { type: 'banner/set' } : { type: 'banner/set', banner: copy(banner) });
  }

  /** Keys or settings changed: the view gets the new list of models. */
  modelsChanged(): void {
    this.post({ type: 'models/list', models: this.deps.models.options(), current: this.deps.models.current() });
  }

  newChat(): Promise<void> {
    return this.enqueue(() => this.startNewChat());
  }

  /** Stops the running answer (Escape, the Stop button, a command); its partial text is kept. */
  cancel(): void {
    this.answers.cancel();
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

  private async dispatch(message: Exclude<FromWebview, { type: 'chat/cancel' }>): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.view.markReady();
        return this.postSnapshot();
      case 'chat/send':
        return this.send(message.requestId, message.text, message.attachments);
      case 'chat/regenerate':
        return this.regenerate(message.requestId);
      case 'chat/edit':
        return this.edit(message.requestId, message.messageId, message.text);
      case 'chat/new':
        return this.startNewChat();
      case 'history/open':
        return this.open(message.conversationId);
      case 'history/rename':
        return this.rename(message.conversationId, message.title);
      case 'history/delete':
        return this.remove(message.conversationId);
      case 'models/select':
        return this.selectModel(message.model);
      case 'draft/update':
        this.draft = message.draft;
        return;
      default:
        // The shell's router handles the rest (code actions, links, export, …).
        this.deps.log.debug(`Chat controller: '${message.type}' is not its message; ignored.`);
    }
  }

  private post(message: ToWebview): void {
    this.view.post(message);
  }

  private notice(message: string): void {
    this.view.notice(message);
  }

  private async postHistory(): Promise<void> {
    const conversations = await this.conversations.history();
    this.post({ type: 'history/list', conversations });
  }

  private async postSnapshot(): Promise<void> {
    const conversation = await this.conversations.get();
    const history = await this.conversations.history();
    const snapshot: ChatSnapshot = {
      conversationId: conversation.id,
      title: conversation.title,
      messages: copy(conversation.messages),
      model: this.deps.models.current(),
      models: this.deps.models.options(),
      history,
      totals: totalsOf(conversation.messages),
    };
    const streaming = this.answers.syncForSnapshot(conversation);
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

  private async save(conversation: Conversation): Promise<void> {
    try {
      await this.deps.store.save(conversation);
    } catch (error) {
      const reason = errorText(error);
      this.deps.log.error(`Chat: saving conversation ${conversation.id} failed: ${reason}`);
      this.notice(this.localize('The conversation could not be saved: {0}', reason));
    }
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

  private async send(requestId: string, text: string, attachments: DraftView['attachments']): Promise<void> {
    if (this.refuseWhileBusy() || (text.trim().length === 0 && attachments.length === 0)) {
      return;
    }
    const conversation = await this.conversations.get();
    const question = appendQuestion(conversation, text, attachments, this.asking(), this.localize('New chat'));
    this.draft = undefined;
    this.post({ type: 'chat/appended', message: copy(question) });
    await this.answers.start(conversation, requestId);
  }

  /** Answers the last question again: replaces its answer, or answers it after an error. */
  private async regenerate(requestId: string): Promise<void> {
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

  /** Replaces a question and drops everything after it, then answers: `chat/truncated` from the old question, `chat/appended` of the new. */
  private async edit(requestId: string, messageId: string, text: string): Promise<void> {
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

  private async saveAndList(conversation: Conversation): Promise<void> {
    await this.save(conversation);
    if (conversation === this.conversations.known) {
      await this.postHistory();
    }
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

  private async open(conversationId: string): Promise<void> {
    if (conversationId === this.conversations.known?.id) {
      return;
    }
    const conversation = await this.deps.store.load(conversationId);
    if (conversation === undefined) {
      this.notice(this.localize('This conversation could not be opened: it was deleted or its file is damaged.'));
      await this.postHistory();
      return;
    }
    await this.answers.stop();
    this.conversations.open(conversation);
    await this.postSnapshot();
  }

  private async rename(conversationId: string, title: string): Promise<void> {
    const trimmed = title.trim();
    const current = this.conversations.known;
    if (current?.id === conversationId) {
      current.title = trimmed;
      // An empty conversation has no file yet: its title lives in memory until the first question.
      if (current.messages.length > 0) {
        await this.save(current);
      }
    } else {
      try {
        await this.deps.store.rename(conversationId, trimmed);
      } catch (error) {
        this.deps.log.warn(`Chat: renaming ${conversationId} failed: ${errorText(error)}`);
      }
    }
    await this.postHistory();
  }

  private async remove(conversationId: string): Promise<void> {
    const isCurrent = conversationId === this.conversations.known?.id;
    if (isCurrent) {
      await this.answers.stop();
    }
    try {
      await this.deps.store.delete(conversationId);
    } catch (error) {
      this.deps.log.warn(`Chat: deleting ${conversationId} failed: ${errorText(error)}`);
      this.notice(this.localize('The conversation could not be deleted.'));
    }
    if (isCurrent) {
      this.conversations.startBlank();
      await this.postSnapshot();
    } else {
      await this.postHistory();
    }
  }

  private async selectModel(model: string): Promise<void> {
    try {
      await this.deps.models.select(model);
    } catch (error) {
      this.notice(this.localize('{0} could not be selected: {1}', model, errorText(error)));
    }
    this.modelsChanged();
  }
}
