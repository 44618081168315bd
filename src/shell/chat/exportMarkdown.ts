/**
 * A conversation as a Markdown document: its title, each turn under a role heading, attachments
 * and tool calls as fenced blocks, reasoning in a collapsed `<details>`, usage after each answer
 * and in total. Whatever the messages hold, the document keeps its structure: every verbatim
 * block is fenced with more backticks than it contains, so no content can close its fence, and a
 * code block an answer left open (it was stopped midway) is closed before the next turn.
 */

import type { AnswerRoundView, Attachment, ChatMessageView, ToolCallView, UsageView } from '../../protocol/messages';
import { closeOpenFence, fenced } from './fences';
import { formatMessage, type Localize } from './localize';
import type { Conversation } from './ports';
import { totalsOf } from './usage';

const imageDataUrl = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/;

/** Inline code that holds `text` whatever backticks it contains (CommonMark code spans). */
function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) {
    longest = Math.max(longest, run.length);
  }
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

function quoted(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `> ${line}`)
    .join('\n');
}

function usageLine(usage: UsageView, localize: Localize): string | undefined {
  const parts: string[] = [];
  if (usage.promptTokens !== undefined) {
    parts.push(localize('{0} tokens in', usage.promptTokens));
  }
  if (usage.completionTokens !== undefined) {
    parts.push(localize('{0} tokens out', usage.completionTokens));
  }
  if (usage.reasoningTokens !== undefined) {
    parts.push(localize('{0} reasoning', usage.reasoningTokens));
  }
  if (usage.cachedTokens !== undefined) {
    parts.push(localize('{0} cached', usage.cachedTokens));
  }
  if (usage.cost !== undefined) {
    parts.push(`$${usage.cost.toFixed(usage.cost < 0.01 ? 6 : 4)}`);
  }
  return parts.length === 0 ? undefined : parts.join(' · ');
}

function attachmentBlock(attachment: Attachment, localize: Localize): string {
  if (attachment.kind === 'image') {
    const label = attachment.name.replace(/[[\]\\\r\n]/g, ' ');
    return attachment.dataUrl !== undefined && imageDataUrl.test(attachment.dataUrl)
      ? `![${label}](${attachment.dataUrl})`
      : localize('Image {0} (not included)', code(attachment.name));
  }
  const what = attachment.kind === 'selection' ? localize('Selection from {0}', code(attachment.name)) : localize('File {0}', code(attachment.name));
  const where = attachment.lines === undefined ? '' : ` ${localize('(lines {0})', attachment.lines)}`;
  return `**${what}**${where}\n\n${fenced(attachment.text ?? '', attachment.languageId)}`;
}

function toolCallBlock(call: ToolCallView, localize: Localize): string {
  const name = code(call.toolName ?? call.name);
  const heading = call.source === undefined ? localize('Tool call {0}', name) : localize('Tool call {0} ({1})', name, call.source.label);
  const blocks = [`**${heading}**`, fenced(call.arguments, 'json')];
  if (call.result !== undefined) {
    const label = call.result.isError ? localize('Result (error)') : localize('Result');
    blocks.push(`_${label}:_`, fenced(call.result.text, 'text'));
  }
  return blocks.join('\n\n');
}

/** One round of an answer: its reasoning, its text and its calls with their results. */
function roundBlocks(round: Pick<AnswerRoundView, 'content' | 'reasoning'> & { toolCalls?: readonly ToolCallView[] }, localize: Localize): string[] {
  const blocks: string[] = [];
  if (round.reasoning !== undefined && round.reasoning.length > 0) {
    blocks.push(`<details>\n<summary>${localize('Reasoning')}</summary>\n\n${fenced(round.reasoning, 'text')}\n\n</details>`);
  }
  if (round.content.length > 0) {
    blocks.push(closeOpenFence(round.content));
  }
  for (const call of round.toolCalls ?? []) {
    blocks.push(toolCallBlock(call, localize));
  }
  return blocks;
}

function messageBlock(message: ChatMessageView, localize: Localize): string {
  const blocks: string[] = [];
  if (message.role === 'user') {
    blocks.push(`## ${localize('You')}`);
    for (const attachment of message.attachments ?? []) {
      blocks.push(attachmentBlock(attachment, localize));
    }
    if (message.content.length > 0) {
      blocks.push(closeOpenFence(message.content));
    }
  } else {
    blocks.push(message.model === undefined ? `## ${localize('Assistant')}` : `## ${localize('Assistant')} (${code(message.model)})`);
    for (const round of message.rounds ?? []) {
      blocks.push(...roundBlocks(round, localize));
    }
    blocks.push(...roundBlocks(message, localize));
  }
  if (message.status === 'stopped') {
    blocks.push(`_${localize('(stopped)')}_`);
  }
  if (message.error !== undefined) {
    blocks.push(quoted(`**${localize('Error')}:** ${message.error.message}`));
  }
  const usage = message.usage === undefined ? undefined : usageLine(message.usage, localize);
  if (usage !== undefined) {
    blocks.push(`_${usage}_`);
  }
  return blocks.join('\n\n');
}

/** The conversation as Markdown, ready to save as a `.md` file. */
export function conversationToMarkdown(conversation: Conversation, localize: Localize = formatMessage): string {
  const title = conversation.title.replace(/[\r\n]+/g, ' ').trim() || localize('Conversation');
  const blocks = [`# ${title}`, `_${localize('Exported from Switchboard · {0}', new Date(conversation.updatedAt).toISOString())}_`];
  for (const message of conversation.messages) {
    blocks.push(messageBlock(message, localize));
  }
  const total = usageLine(totalsOf(conversation.messages), localize);
  if (total !== undefined) {
    blocks.push('---', `**${localize('Total')}:** ${total}`);
  }
  return `${blocks.join('\n\n')}\n`;
}
