/**
 * What the chats of one window share: the sidebar and each editor tab has its own controller (its
 * own conversation on screen, draft and answers), and the hub keeps them in step. A conversation
 * open in two views is one object in memory, so a question asked in one shows in the other and
 * neither saves over the other's answer; what an answer posts reaches every view that shows its
 * conversation; one answer per conversation, whichever view asked; and the number of running
 * answers (the status bar, the badge) counts all of them. Plain TypeScript: tested in Node.
 */

import type { ToWebview } from '../../protocol/messages';
import type { AnswerRunner } from './answerRunner';
import type { Conversation } from './ports';

/** One chat in the hub (a controller). */
export interface HubMember {
  /** The conversation its view shows, once known. */
  readonly shown: Conversation | undefined;
  /** Its answers (they may stream into a conversation it no longer shows while another view does). */
  readonly answers: AnswerRunner;
  /** Posts to its view. */
  post(message: ToWebview): void;
}

export class ChatHub {
  private readonly members = new Set<HubMember>();
  private readonly listeners = new Set<() => void>();

  /** Adds a chat; the returned function removes it (the view closed). */
  join(member: HubMember): () => void {
    this.members.add(member);
    return () => {
      this.members.delete(member);
      this.runningChanged();
    };
  }

  /**
   * The live object of the conversation `id` when a view shows it or an answer streams into it
   * (newer than its file, and the one every view must share).
   */
  find(id: string): Conversation | undefined {
    for (const member of this.members) {
      if (member.shown?.id === id) {
        return member.shown;
      }
      const answering = member.answers.conversations().find((candidate) => candidate.id === id);
      if (answering !== undefined) {
        return answering;
      }
    }
    return undefined;
  }

  /** The answers of the chat whose answer streams into `conversation`, if one does. */
  runnerOf(conversation: Conversation): AnswerRunner | undefined {
    for (const member of this.members) {
      if (member.answers.busyIn(conversation)) {
        return member.answers;
      }
    }
    return undefined;
  }

  /** True when a view other than `except`'s shows `conversation`. */
  shownElsewhere(conversation: Conversation, except: HubMember): boolean {
    for (const member of this.members) {
      if (member !== except && member.shown === conversation) {
        return true;
      }
    }
    return false;
  }

  /** Posts `message` about `conversation` to the views other than `from`'s that show it. */
  relay(from: HubMember, conversation: Conversation, message: ToWebview): void {
    for (const member of this.members) {
      if (member !== from && member.shown === conversation) {
        member.post(message);
      }
    }
  }

  /** Posts `message` (the history list, a title) to every view but `from`'s. */
  broadcast(from: HubMember, message: ToWebview): void {
    for (const member of this.members) {
      if (member !== from) {
        member.post(message);
      }
    }
  }

  /** How many answers stream now, in all chats. */
  get running(): number {
    let count = 0;
    for (const member of this.members) {
      count += member.answers.count;
    }
    return count;
  }

  /** Calls `listener` whenever an answer starts or ends, in any chat. */
  onDidChangeRunning(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** An answer started or ended in some chat. */
  runningChanged(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}
