/**
 * The instructions a conversation's next request carries: `switchboard.chat.instructions` and the
 * workspace's instruction files that apply (given the files the conversation attached), minus the
 * ones the user switched off for it — as the system message's text, and as what the chat lists.
 */

import type { Attachment } from '../../protocol/messages';
import type { InstructionsView } from '../../protocol/requestViews';
import type { ChatSettings } from '../chatSettings';
import { instructionCapBytes } from '../instructions/instructionText';
import { systemPrompt } from '../instructions/systemPrompt';
import type { Conversation, InstructionFiles } from './ports';
import type { TokenEstimator } from './tokenEstimate';

export interface ConversationInstructions {
  /** The system message's instructions, undefined when there are none. */
  text: string | undefined;
  view: InstructionsView;
}

/** Attachment kinds that name a workspace file (for `applyTo` and the nearest `AGENTS.md`). */
const fileKinds = new Set<Attachment['kind']>(['file', 'selection']);

/** The workspace-relative paths the conversation (and the draft) attached, each once. */
export function attachedPaths(conversation: Conversation, draft: readonly Attachment[] = []): string[] {
  const paths = new Set<string>();
  const add = (attachment: Attachment): void => {
    if (fileKinds.has(attachment.kind)) {
      paths.add(attachment.name);
    }
  };
  for (const message of conversation.messages) {
    message.attachments?.forEach(add);
  }
  draft.forEach(add);
  return [...paths];
}

export class ChatInstructions {
  constructor(
    private readonly files: InstructionFiles | undefined,
    private readonly settings: () => ChatSettings,
    private readonly estimator: TokenEstimator,
  ) {}

  async of(conversation: Conversation, draft: readonly Attachment[] = []): Promise<ConversationInstructions> {
    const settings = this.settings();
    const found = this.files === undefined || !settings.useInstructionFiles ? [] : await this.files.find(attachedPaths(conversation, draft));
    const disabled = new Set(conversation.disabledInstructions ?? []);
    const enabled = found.filter((file) => !disabled.has(file.path));
    const view: InstructionsView = {
      filesEnabled: settings.useInstructionFiles,
      files: [],
      capBytes: this.files?.capBytes ?? instructionCapBytes,
    };
    for (const file of found) {
      view.files.push({ path: file.path, enabled: !disabled.has(file.path), tokens: await this.estimator.text(file.text), truncated: file.truncated });
    }
    if (settings.instructions !== undefined) {
      view.settingTokens = await this.estimator.text(settings.instructions);
    }
    return { text: systemPrompt(settings.instructions, enabled), view };
  }
}
