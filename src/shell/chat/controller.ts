/**
 * One chat on the host (the sidebar's, or an editor tab's): owns the conversation on screen, the
 * draft, the banner and its answers, and tells its view what changed. Several chats share a hub
 * (chatHub.ts, through hubLink.ts): a conversation open in two views is one object, and what its
 * answer posts reaches both. Its parts: `questions` (questions.ts) asks,
 * answers again and edits; `next` (requestContext.ts) keeps the next request's Model Settings,
 * instruction files, added context and gauge; `history` (chatHistory.ts) searches, opens, renames
 * and deletes saved conversations. It imports no `vscode`: the shell hands it plain ports
 * (ports.ts), so it runs and is tested in plain Node. The view's messages reach its methods
 * through the router's handler map (webviewRouter.ts).
 *
 * Requests are handled one at a time, in order (a cancel jumps the queue, so Stop works while
 * anything else waits). A send, regenerate or edit resolves once its answer started; the answer
 * streams on in the background — also while no view is attached — and `idle()` says when it
 * ended. Answers run at once in different conversations, one per conversation: a send while the
 * conversation's answer streams is refused with a notice (the user stops it or waits). Starting
 * another conversation stops the running answer first (it ends `stopped`, its partial text
 * saved), unless another view shows it.
 */

import type { Attachment, BannerView, ChatMessageView, DraftView, ReviewView, ToWebview } from '../../protocol/messages';
import { errorText } from '../errorText';
import type { AnswerRunner } from './answerRunner';
import type { ChatDraft } from './chatDraft';
import type { ChatHistory } from './chatHistory';
import { assembleChat, type ChatControllerDeps } from './chatParts';
import type { ChatTools } from './chatTools';
import { compactionViews } from './compactions';
import { composeSnapshot } from './chatSnapshot';
import { copy } from './conversationEdits';
import type { CurrentConversation } from './currentConversation';
import type { HubLink } from './hubLink';
import type { Localize } from './localize';
import type { Questions } from './questions';
import type { Conversation, WebviewSink } from './ports';
import type { RequestContext } from './requestContext';
import type { LastRequest } from './toolLoop';
import type { TokenEstimator } from './tokenEstimate';
import type { ViewChannel } from './viewChannel';

export type { ChatControllerDeps } from './chatParts';


export class ChatController {
  private readonly localize: Localize;
  private readonly view: ViewChannel;
  private readonly conversations: CurrentConversation;
  private readonly link: HubLink;
  private readonly draft: ChatDraft;
  private banner: BannerView | undefined;
  private review: ReviewView | undefined;
  private readonly answers: AnswerRunner;
  private readonly estimator: TokenEstimator;
  private readonly questions: Questions;
  /** The next request's Model Settings, instructions, added context and gauge (the view's messages for them go here). */
  readonly next: RequestContext;
  /** The saved conversations: open, rename, delete. */
  readonly history: ChatHistory;
  /** The tools picker, the answers to calls that ask first, Continue after the round limit. */
  readonly tools: ChatTools;
  private queue: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly deps: ChatControllerDeps) {
    const parts = assembleChat(deps, {
      post: (message) => this.post(message),
      notice: (message) => this.notice(message),
      enqueue: (operation) => this.enqueue(operation),
      unexpected: (error) => this.unexpected(error),
      postSnapshot: () => this.postSnapshot(),
      postCompactions: (conversation) => this.postCompactions(conversation),
      answered: (conversation, message, lastRequest) => this.answered(conversation, message, lastRequest),
      appendToDraft: (addition) => this.appendToDraft(addition),
    });
    ({ localize: this.localize, view: this.view, conversations: this.conversations, link: this.link, draft: this.draft, estimator: this.estimator, next: this.next, history: this.history, answers: this.answers, questions: this.questions, tools: this.tools } = parts);
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
    return this.enqueue(() => this.questions.ask(requestId, text, attachments));
  }

  /** Answers the last question again: replaces its answer, or answers it after an error. */
  regenerate(requestId: string): Promise<void> {
    return this.enqueue(() => this.questions.answerAgain(requestId));
  }

  /** Replaces a question and drops everything after it, then answers: `chat/truncated` from the old question, `chat/appended` of the new. */
  edit(requestId: string, messageId: string, text: string): Promise<void> {
    return this.enqueue(() => this.questions.replaceAndAnswer(requestId, messageId, text));
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

  /** Settings or instruction files changed: the view gets the next request's views again. */
  requestContextChanged(): void {
    this.next.changed();
  }

  /** The proposed change under review (the chat's Accept / Reject bar), kept for snapshots. */
  setReview(review: ReviewView | undefined): void {
    this.review = review === undefined ? undefined : { ...review };
    this.post(review === undefined ? { type: 'review/set' } : { type: 'review/set', review: { ...review } });
  }

  setBanner(banner: BannerView | undefined): void {
    this.banner = banner === undefined ? undefined : copy(banner);
    this.post(banner === undefined ? { type: 'banner/set' } : { type: 'banner/set', banner: copy(banner) });
  }

  /** A short notice in the chat ("Copied"), when a view listens. */
  notice(message: string): void {
    this.view.notice(message);
  }

  /** Opens the view's history list ("Switchboard: Show History"). */
  showHistory(): void {
    this.post({ type: 'view/showHistory' });
  }

  /** Keys or settings changed: the view gets the new list of models. */
  modelsChanged(): void {
    this.post({ type: 'models/list', models: this.deps.models.options(), current: this.deps.models.current() });
    this.requestContextChanged();
    this.tools.changed();
  }

  newChat(): Promise<void> {
    return this.enqueue(() => this.startNewChat());
  }

  /**
   * Stops the answer of the conversation on screen (Escape, the Stop button, a command), whichever
   * view asked for it, or only when it is `requestId`'s; its partial text is kept. Not queued:
   * Stop works while anything else waits.
   */
  cancel(requestId?: string): void {
    this.link.cancelHere(requestId);
  }

  /** True while an answer streams into the conversation on screen. */
  get answering(): boolean {
    const shown = this.conversations.known;
    return shown !== undefined && this.link.answering(shown);
  }

  /** How many answers this chat started stream now (also into conversations it no longer shows). */
  get running(): number {
    return this.answers.count;
  }

  /** A copy of a conversation (for export): the current one when no id is given, with the streaming answer as it stands. */
  async conversation(id?: string): Promise<Conversation | undefined> {
    if (id === undefined || id === this.conversations.known?.id) {
      const conversation = await this.conversations.get();
      this.link.answersHere().sync(conversation);
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
    this.answers.cancel();
    this.link.dispose();
    this.history.dispose();
    this.tools.dispose();
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
    const { conversations, next, banner, draft } = this;
    const snapshot = await composeSnapshot({ conversations, next, answers: () => this.link.answersHere(), models: this.deps.models, banner, draft: draft.view, tools: this.tools.view(), review: this.review });
    this.post({ type: 'state/snapshot', snapshot });
    this.next.postGauge();
  }

  private postCompactions(conversation: Conversation): void {
    if (conversation === this.conversations.known) {
      this.post({ type: 'chat/compacted', compactions: compactionViews(conversation) });
    }
  }

  /** An answer ended: the provider's count corrects the estimate, and the gauge shows the conversation as it is now. */
  private answered(conversation: Conversation, message: ChatMessageView, lastRequest: LastRequest | undefined): void {
    if (lastRequest !== undefined && message.model !== undefined) {
      this.estimator.observe(message.model, lastRequest.estimate, lastRequest.promptTokens);
    }
    if (conversation === this.conversations.known) {
      this.next.postGauge();
    }
    this.history.answered(conversation);
    this.deps.answerEnded?.(copy(message));
  }

  private async startNewChat(): Promise<void> {
    const current = await this.conversations.get();
    if (current.messages.length === 0) {
      return;
    }
    await this.link.leaving();
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
