/**
 * What the reader does in the conversation, with one listener per kind of event for every
 * message, code block and link: the messages' buttons (regenerate, edit, Continue, a tool call's
 * Allow / Always Allow / Deny, an error's actions, a code block's), links (never followed: the host
 * is asked to open them), and the keys of the edit box.
 */

import type { ChatCommands } from '../commands';
import { actionOf, runAction } from './actions';
import { codeActionMessage } from './codeBlocks';
import { editActions } from './editForm';
import { messageActions, type MessageView } from './messageView';
import { approveToolAction, decisionOf, markApprovalSent } from './toolCall';

/** What the events need of the list they serve. */
export interface MessageListPart {
  viewOf(element: Element): MessageView | undefined;
  showEarlier(): void;
  follow(): void;
}

export class MessageEvents {
  constructor(
    element: HTMLElement,
    private readonly commands: ChatCommands,
    private readonly list: MessageListPart,
  ) {
    element.addEventListener('click', (event) => this.onClick(event));
    element.addEventListener('auxclick', (event) => this.onLink(event));
    element.addEventListener('keydown', (event) => this.onKey(event));
  }

  private onClick(event: MouseEvent): void {
    if (this.onLink(event)) {
      return;
    }
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (target === null) {
      return;
    }
    const action = target.getAttribute('data-action');
    const view = this.list.viewOf(target);
    switch (action) {
      case 'show-earlier':
        this.list.showEarlier();
        return;
      case messageActions.regenerate:
        this.commands.regenerate();
        return;
      case messageActions.continue:
        if (view !== undefined) {
          this.commands.continueAnswer(view.id);
        }
        return;
      case messageActions.applyAll:
        if (view !== undefined) {
          this.commands.post({ type: 'code/applyAll', messageId: view.id });
        }
        return;
      case approveToolAction:
        this.approve(target, view);
        return;
      case messageActions.edit:
        view?.startEdit();
        return;
      case editActions.save:
        this.saveEdit(view);
        return;
      case editActions.cancel:
        view?.endEdit();
        return;
      case runAction: {
        const run = actionOf(target);
        if (run !== undefined) {
          this.commands.post({ type: 'action/run', action: run });
        }
        return;
      }
      default: {
        const message = codeActionMessage(target);
        if (message !== undefined) {
          this.commands.post(message);
        }
      }
    }
  }

  /** Links never navigate the webview: a click asks the host to open the link (it opens http(s) and mailto only). */
  private onLink(event: MouseEvent): boolean {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (link === null) {
      return false;
    }
    event.preventDefault();
    const href = link.getAttribute('href');
    if (href !== null && href !== '' && (event.type === 'click' || event.button === 1)) {
      this.commands.post({ type: 'link/open', href });
    }
    return true;
  }

  private onKey(event: KeyboardEvent): void {
    if (!(event.target instanceof HTMLTextAreaElement) || !event.target.classList.contains('edit-input')) {
      return;
    }
    const view = this.list.viewOf(event.target);
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.saveEdit(view);
    } else if (event.key === 'Escape') {
      // Escape here ends the edit; it must not also stop a running answer.
      event.preventDefault();
      event.stopPropagation();
      view?.endEdit();
    }
  }

  /** An approval button: answered once; its buttons wait, disabled, for the host's word on the call. */
  private approve(button: Element, view: MessageView | undefined): void {
    const decision = decisionOf(button);
    const callId = button.closest('[data-call-id]')?.getAttribute('data-call-id');
    if (view === undefined || decision === undefined || callId === null || callId === undefined || button.hasAttribute('disabled')) {
      return;
    }
    if (this.commands.approveTool(view.id, callId, decision)) {
      markApprovalSent(button);
    }
  }

  private saveEdit(view: MessageView | undefined): void {
    const text = view?.editedText();
    if (view === undefined || text === undefined || text.trim() === '') {
      return;
    }
    view.endEdit();
    this.list.follow();
    this.commands.edit(view.id, text);
  }
}
