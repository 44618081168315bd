/**
 * The snapshot that answers `ready` and a conversation switch: everything the view needs to draw
 * itself from nothing. The streaming answer's pending delta is posted first (to every view of it),
 * so the copy holds no more than the views were sent and later deltas continue from it.
 */

import type { BannerView, ChatSnapshot, DraftView, ReviewView } from '../../protocol/messages';
import type { ToolsView } from '../../protocol/toolViews';
import type { AnswerRunner } from './answerRunner';
import { compactionViews } from './compactions';
import { copy } from './conversationEdits';
import type { CurrentConversation } from './currentConversation';
import type { ModelChoice } from './ports';
import type { RequestContext } from './requestContext';
import { conversationTotals } from './usage';

export interface SnapshotParts {
  conversations: CurrentConversation;
  next: RequestContext;
  /** The answers that stream into the conversation on screen (another view's chat may have started it). */
  answers: () => Pick<AnswerRunner, 'syncForSnapshot'>;
  models: ModelChoice;
  banner: BannerView | undefined;
  draft: DraftView | undefined;
  tools: ToolsView;
  review: ReviewView | undefined;
}

export async function composeSnapshot(parts: SnapshotParts): Promise<ChatSnapshot> {
  const conversation = await parts.conversations.get();
  const history = await parts.conversations.history();
  const views = await parts.next.views(conversation);
  const streaming = parts.answers().syncForSnapshot(conversation);
  const snapshot: ChatSnapshot = {
    conversationId: conversation.id,
    title: conversation.title,
    messages: copy(conversation.messages),
    model: parts.models.current(),
    models: parts.models.options(),
    history,
    totals: conversationTotals(conversation),
    ...views,
    compactions: compactionViews(conversation),
    tools: parts.tools,
  };
  if (streaming !== undefined) {
    snapshot.streaming = streaming;
  }
  if (parts.banner !== undefined) {
    snapshot.banner = copy(parts.banner);
  }
  if (parts.draft !== undefined) {
    snapshot.draft = parts.draft;
  }
  if (parts.review !== undefined) {
    snapshot.review = { ...parts.review };
  }
  return snapshot;
}
