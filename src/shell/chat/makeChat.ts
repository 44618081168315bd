/**
 * Makes one chat of the window (the sidebar's or an editor tab's): its controller over the shared
 * services, and the router in front of it with the editor's buttons bound to that chat — a
 * notice goes to the chat whose button was pressed, Apply and Export read its conversation.
 */

import { AnswerApply } from '../apply/answerApply';
import type { ProposalReview } from '../apply/proposalReview';
import type { SwitchboardConfig } from '../config';
import { ChatController, type ChatControllerDeps } from './controller';
import { EditorActions } from './editorActions';
import type { ChatLog } from './ports';
import { WebviewRouter, type ShellActions } from './webviewRouter';
import type { ChatMakings } from './windowChats';

/** What every chat shares. */
export interface SharedChatServices {
  controller: Omit<ChatControllerDeps, 'hub' | 'opening' | 'answerEnded'>;
  proposals: Pick<ProposalReview, 'propose' | 'decide'>;
  /** The buttons that act on the window, not on one chat. */
  actions: Pick<ShellActions, 'addProvider' | 'setApiKey' | 'selectModel' | 'testConnection' | 'showLogs' | 'openSettings'>;
  config: () => SwitchboardConfig;
  log: ChatLog;
  newId: () => string;
  /** Makes the chat model's request ready soon, off the host's path (`RequestPreparer.soon`). */
  prepareRequest: () => void;
}

export function makeChat(shared: SharedChatServices, makings: ChatMakings): { controller: ChatController; router: WebviewRouter } {
  const { log } = shared;
  const controller = new ChatController({ ...shared.controller, hub: makings.hub, opening: makings.opening, answerEnded: makings.answerEnded });
  const editorActions = new EditorActions({ controller, log });
  const answerApply = new AnswerApply({ messages: async () => (await controller.conversation())?.messages, review: shared.proposals, log });
  const router = new WebviewRouter({
    controller,
    log,
    config: shared.config,
    newId: shared.newId,
    prepareRequest: shared.prepareRequest,
    actions: {
      ...shared.actions,
      copyCode: (code) => editorActions.copyCode(code),
      insertCode: (code) => editorActions.insertCode(code),
      openCodeInNewFile: (code, languageId) => editorActions.openCodeInNewFile(code, languageId),
      applyCode: (messageId, code) => answerApply.apply(messageId, code),
      applyAllCode: (messageId) => answerApply.applyAll(messageId),
      decideProposal: (decision) => shared.proposals.decide(decision),
      openLink: (href) => editorActions.openLink(href),
      exportConversation: (id) => editorActions.exportConversation(id),
    },
  });
  return { controller, router };
}
