/**
 * The draft: context waiting for the next question (a selection, a file, a folder, problems, a
 * pasted image…). The host keeps its attachments (the view's text is the view's own), counts each
 * one's tokens for the chips, and holds it to the attachment budget; every change moves the gauge
 * and the instruction files that apply.
 */

import { attachmentBudgetProblem } from '../../protocol/attachmentBudget';
import type { Attachment, DraftView, ToWebview } from '../../protocol/messages';
import { copy } from './conversationEdits';
import { mergeDraft } from './drafts';
import type { Localize } from './localize';
import type { ChatLog } from './ports';
import type { RequestContext } from './requestContext';
import { attachmentBudgetText } from './userErrors';

export interface ChatDraftHost {
  log: ChatLog;
  localize: Localize;
  post(message: ToWebview): void;
  notice(message: string): void;
  enqueue(operation: () => Promise<void>): Promise<void>;
  next: () => RequestContext;
}

export class ChatDraft {
  private draft: DraftView | undefined;

  constructor(private readonly host: ChatDraftHost) {}

  /** The draft for a snapshot (a copy), if any. */
  get view(): DraftView | undefined {
    return this.draft === undefined ? undefined : copy(this.draft);
  }

  get attachments(): readonly Attachment[] {
    return this.draft?.attachments ?? [];
  }

  /** The question was sent: the draft is spent. */
  clear(): void {
    this.draft = undefined;
  }

  /** The draft's attachments changed in the view (one removed, an image pasted). */
  update(draft: DraftView): Promise<void> {
    return this.host.enqueue(async () => {
      this.draft = draft;
      await this.host.next().draftChanged();
    });
  }

  /** Replaces the draft and fills the composer (Ask About Selection); the chips get their sizes in tokens. */
  set(draft: DraftView): Promise<void> {
    this.draft = copy(draft);
    return this.host.enqueue(async () => {
      const counted: DraftView = { ...copy(draft), attachments: await this.host.next().counted(draft.attachments) };
      this.draft = counted;
      this.host.post({ type: 'draft/set', draft: copy(counted) });
      await this.host.next().draftChanged();
    });
  }

  /**
   * Adds context without dropping what is already there; past the attachment budget it adds
   * nothing and says why, as the composer does for a pasted image.
   */
  append(addition: DraftView): Promise<void> {
    const merged = mergeDraft(this.draft, addition);
    if (this.refuseOverBudget(merged.attachments)) {
      return Promise.resolve();
    }
    return this.set(merged);
  }

  /**
   * True (and the user told why) when attachments exceed the budget. The composer refuses first;
   * this is for a message it did not make (a compromised view): nothing of it reaches the model.
   */
  refuseOverBudget(attachments: readonly Attachment[]): boolean {
    const problem = attachmentBudgetProblem(attachments);
    if (problem === undefined) {
      return false;
    }
    this.host.log.warn(`Chat: refused ${problem.reason === 'tooMany' ? `${problem.count} attachments` : `${problem.bytes} bytes of attachments`} (over the budget).`);
    this.host.notice(attachmentBudgetText(problem, this.host.localize));
    return true;
  }
}
