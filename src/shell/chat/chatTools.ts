/**
 * The chat's side of the tools: the picker's view (`tools/list`, posted whenever a source, a tool
 * list or a choice changed, and with the model), the picker's choices, the user's answers to calls
 * that ask first, and "Continue" after the round limit. The tools themselves are the toolbox's.
 */

import type { Tool } from '../../core';
import type { ToWebview } from '../../protocol/messages';
import type { ToolDecision, ToolsView } from '../../protocol/toolViews';
import { DisposableStore, type IDisposable } from '../lifecycle';
import type { AnswerRunner } from './answerRunner';
import type { ChatLog, ModelChoice } from './ports';
import type { Questions } from './questions';
import { takesTools, type ToolLoopHost } from './toolLoop';

/** What the chat is given of the tools: none in a chat built without them (tests of other parts). */
export type ChatToolsDeps = ToolLoopHost;

export interface ChatToolsHost {
  tools: ChatToolsDeps | undefined;
  models: ModelChoice;
  answers: () => AnswerRunner;
  questions: () => Questions;
  log: ChatLog;
  post(message: ToWebview): void;
  enqueue(operation: () => Promise<void>): Promise<void>;
}

export class ChatTools implements IDisposable {
  private readonly subscriptions = new DisposableStore();

  constructor(private readonly host: ChatToolsHost) {
    const toolbox = host.tools?.toolbox;
    if (toolbox !== undefined) {
      this.subscriptions.add(toolbox.onDidChange(() => this.changed()));
    }
  }

  /** The tools the next request to `model` would offer as they stand, starting nothing (the gauge counts them). */
  known(model: string): Tool[] {
    const tools = this.host.tools;
    return tools === undefined || !takesTools(tools, this.host.models, model) ? [] : tools.toolbox.known().tools;
  }

  /** The picker's view now. */
  view(): ToolsView {
    const tools = this.host.tools;
    const supported = this.host.models.facts(this.host.models.current()).supportsTools !== false;
    if (tools === undefined) {
      return { enabled: false, modelSupportsTools: supported, autoApproveReadOnly: false, sources: [] };
    }
    return tools.toolbox.view(supported);
  }

  /** Something the picker shows changed (a source, a list, a choice, the model, the settings). */
  changed(): void {
    this.host.post({ type: 'tools/list', tools: this.view() });
  }

  /** The user's answer to a call of the running answer; an answer for a call that does not wait is dropped. */
  approve(requestId: string, callId: string, decision: ToolDecision): void {
    if (!this.host.answers().approve(requestId, callId, decision)) {
      this.host.log.debug(`Chat: an answer to tool call ${callId.slice(0, 100)}, which does not wait, was dropped.`);
    }
  }

  async toggle(sourceId: string, tool: string | undefined, enabled: boolean): Promise<void> {
    const toolbox = this.host.tools?.toolbox;
    if (toolbox === undefined || !(await toolbox.toggle(sourceId, tool, enabled))) {
      this.host.log.debug(`Chat: a switch of a tool that is not listed (${sourceId.slice(0, 100)}) was dropped.`);
      // The view may show a list that is gone: it gets the one there is.
      this.changed();
    }
  }

  async revoke(sourceId: string, tool: string): Promise<void> {
    await this.host.tools?.toolbox.revoke(sourceId, tool);
  }

  /** The picker opened: sources that start on first use start, so their tools can be listed. */
  async refresh(): Promise<void> {
    const toolbox = this.host.tools?.toolbox;
    if (toolbox !== undefined && this.host.tools?.settings().enabled === true) {
      await toolbox.refresh();
    }
    this.changed();
  }

  /** Runs more rounds of the answer that stopped at the round limit. */
  continueAnswer(requestId: string, messageId: string): Promise<void> {
    return this.host.enqueue(() => this.host.questions().continueAnswer(requestId, messageId));
  }

  dispose(): void {
    this.subscriptions.dispose();
  }
}
