/**
 * One chat's place in the hub (chatHub.ts): what its parts post about a conversation reaches every
 * view that shows it, the history and titles reach all views, and the answer of the conversation
 * on screen is found whichever chat started it — so Stop, a tool approval and a snapshot in one
 * view act on the answer another view asked for.
 */

import type { ToWebview } from '../../protocol/messages';
import type { AnswerRunner } from './answerRunner';
import type { ChatHub, HubMember } from './chatHub';
import type { CurrentConversation } from './currentConversation';
import type { Conversation } from './ports';
import type { ViewChannel } from './viewChannel';

export interface HubLinkDeps {
  hub: ChatHub;
  view: ViewChannel;
  conversations: CurrentConversation;
  /** The chat's own answers (made after the link: read when first needed). */
  answers: () => AnswerRunner;
}

export class HubLink {
  private readonly member: HubMember;
  private readonly leave: () => void;

  constructor(private readonly deps: HubLinkDeps) {
    const { conversations, view } = deps;
    this.member = {
      get shown() {
        return conversations.known;
      },
      get answers() {
        return deps.answers();
      },
      post: (message) => view.post(message),
    };
    this.leave = deps.hub.join(this.member);
  }

  /** Posts what changed in `conversation` to this chat's view when it shows it, and to every other view that does. */
  postAbout(conversation: Conversation, message: ToWebview): void {
    if (conversation === this.deps.conversations.known) {
      this.deps.view.post(message);
    }
    this.deps.hub.relay(this.member, conversation, message);
  }

  /** Posts about the conversation on screen (a question appended, answers cut after an edit). */
  postChat(message: ToWebview): void {
    const shown = this.deps.conversations.known;
    if (shown === undefined) {
      this.deps.view.post(message);
    } else {
      this.postAbout(shown, message);
    }
  }

  /** Posts to every view (the history list, a conversation's new title). */
  broadcast(message: ToWebview): void {
    this.deps.view.post(message);
    this.deps.hub.broadcast(this.member, message);
  }

  /** True while an answer streams into `conversation`, whichever chat started it. */
  answering(conversation: Conversation): boolean {
    return this.deps.hub.runnerOf(conversation) !== undefined;
  }

  /** The answers that stream into the conversation on screen: another chat's when it started it, else this chat's. */
  answersHere(): AnswerRunner {
    const shown = this.deps.conversations.known;
    return (shown === undefined ? undefined : this.deps.hub.runnerOf(shown)) ?? this.deps.answers();
  }

  /** Stops the answer of the conversation on screen (only `requestId`'s, when given), whichever chat started it. */
  cancelHere(requestId?: string): void {
    const shown = this.deps.conversations.known;
    if (shown !== undefined) {
      this.deps.hub.runnerOf(shown)?.cancelIn(shown, requestId);
    }
  }

  /**
   * The view is about to show another conversation: this chat's answer in the one on screen stops
   * (and is saved) unless another view shows it, where it streams on.
   */
  async leaving(): Promise<void> {
    const shown = this.deps.conversations.known;
    if (shown !== undefined && !this.deps.hub.shownElsewhere(shown, this.member)) {
      await this.deps.answers().stop(shown);
    }
  }

  /** The live object of a conversation another view shows or an answer streams into, if any. */
  shared(conversationId: string): Conversation | undefined {
    return this.deps.hub.find(conversationId);
  }

  /** An answer of this chat started or ended. */
  runningChanged(): void {
    this.deps.hub.runningChanged();
  }

  dispose(): void {
    this.leave();
  }
}
