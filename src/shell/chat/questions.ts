/**
 * The questions of the conversation on screen: a new one, the last one again (regenerate, Retry),
 * or one replaced (edit and resend) — each appended or cut as the view is told, then answered.
 * One answer per conversation: a question while the conversation's answer streams (whichever view
 * asked for it) is refused with a notice.
 */

import type { Attachment, ToWebview } from '../../protocol/messages';
import type { AnswerRunner } from './answerRunner';
import type { ChatDraft } from './chatDraft';
import { pruneCompactions } from './compactions';
import { appendQuestion, copy, cutAfterLastQuestion, replaceQuestion, type Asking } from './conversationEdits';
import type { CurrentConversation } from './currentConversation';
import type { Localize } from './localize';
import type { ChatEnvironment, ChatLog, Conversation, ModelChoice } from './ports';

export interface QuestionsHost {
  conversations: CurrentConversation;
  answers: AnswerRunner;
  /** True while an answer streams into `conversation`, whichever chat started it. */
  answering(conversation: Conversation): boolean;
  draft: ChatDraft;
  models: ModelChoice;
  env: ChatEnvironment;
  log: ChatLog;
  localize: Localize;
  post(message: ToWebview): void;
  notice(message: string): void;
  /** An edit removed the message a compaction pointed at: the view gets the compactions again. */
  compacted(conversation: Conversation): void;
}

export class Questions {
  constructor(private readonly host: QuestionsHost) {}

  /** True (and the user told why) when the conversation's answer is streaming: one answer per conversation. */
  private refuseWhileBusy(conversation: Conversation): boolean {
    if (!this.host.answering(conversation)) {
      return false;
    }
    this.host.notice(this.host.localize('An answer is still streaming. Stop it (Escape) or wait for it to finish, then send again.'));
    return true;
  }

  private asking(): Asking {
    return { id: this.host.env.newId(), now: this.host.env.now(), model: this.host.models.current() };
  }

  async ask(requestId: string, text: string, attachments: Attachment[]): Promise<void> {
    const conversation = await this.host.conversations.get();
    if (this.refuseWhileBusy(conversation) || (text.trim().length === 0 && attachments.length === 0) || this.host.draft.refuseOverBudget(attachments)) {
      return;
    }
    const question = appendQuestion(conversation, text, attachments, this.asking(), this.host.localize('New chat'));
    this.host.draft.clear();
    this.host.post({ type: 'chat/appended', message: copy(question) });
    await this.host.answers.start(conversation, requestId);
  }

  async answerAgain(requestId: string): Promise<void> {
    const conversation = await this.host.conversations.get();
    if (this.refuseWhileBusy(conversation)) {
      return;
    }
    const cut = cutAfterLastQuestion(conversation);
    if (cut === undefined) {
      return;
    }
    const [first] = cut.removed;
    if (first !== undefined) {
      this.host.post({ type: 'chat/truncated', fromMessageId: first.id });
    }
    await this.host.answers.start(conversation, requestId);
  }

  /** Runs more rounds of the conversation's last answer, which stopped at the round limit (`messageId` must be it). */
  async continueAnswer(requestId: string, messageId: string): Promise<void> {
    const conversation = await this.host.conversations.get();
    if (this.refuseWhileBusy(conversation)) {
      return;
    }
    const last = conversation.messages[conversation.messages.length - 1];
    if (last?.id !== messageId || last.role !== 'assistant' || last.roundLimitReached !== true) {
      this.host.log.debug(`Chat: Continue of ${messageId}, which is not an answer stopped at the round limit, ignored.`);
      return;
    }
    await this.host.answers.resume(conversation, requestId, last);
  }

  async replaceAndAnswer(requestId: string, messageId: string, text: string): Promise<void> {
    const conversation = await this.host.conversations.get();
    if (this.refuseWhileBusy(conversation)) {
      return;
    }
    const edited = replaceQuestion(conversation, messageId, text, this.asking());
    if (edited === undefined) {
      this.host.log.debug(`Chat: edit of unknown question ${messageId} ignored.`);
      return;
    }
    this.host.post({ type: 'chat/truncated', fromMessageId: edited.old.id });
    this.host.post({ type: 'chat/appended', message: copy(edited.question) });
    if (pruneCompactions(conversation)) {
      this.host.compacted(conversation);
    }
    await this.host.answers.start(conversation, requestId);
  }
}
