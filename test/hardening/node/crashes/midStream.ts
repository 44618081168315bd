/**
 * The mid-stream kills' measure: after a kill, what of the answer the child was streaming made it
 * to disk. The child reported each delta's text (what its view had received); the file must open
 * in a fresh store, and its copy of the answer must agree with that text (one a prefix of the
 * other: a save syncs from the stream, which can be a frame ahead of the view). Characters lost
 * are those the view had and the file has not — expected up to the save interval's worth.
 */

import { FileConversationStore } from '../../../../src/shell/chat/conversationStore';
import type { ChatLog } from '../../../../src/shell/chat/ports';
import type { ProgressEvent } from './progress';

export interface MidStreamLoss {
  /** Characters of the streaming answer the child had received and the file does not hold. */
  charactersLost: number;
  /** Why the conversation counts as lost or unreadable; undefined when it opened and agreed. */
  problem?: string;
  /** False when the kill came before any delta (nothing to measure). */
  measured: boolean;
}

const quietLog: ChatLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/**
 * Adds up the child's deltas of its last answer, and which conversation held it: the one the last
 * save before that answer's last delta wrote. Not simply the last save: after an answer ends the
 * child starts a new chat, whose first save (the question) may be the one the kill cut short.
 */
export function lastAnswer(events: readonly ProgressEvent[]): { message: string; text: string; conversation: string | undefined } | undefined {
  let message: string | undefined;
  let text = '';
  let conversation: string | undefined;
  let savingNow: string | undefined;
  for (const event of events) {
    if (event.e === 'save-begin') {
      savingNow = event.id;
    } else if (event.e === 'delta' && event.message !== undefined) {
      if (event.message !== message) {
        message = event.message;
        text = '';
      }
      text += event.text ?? '';
      conversation = savingNow;
    }
  }
  return message === undefined ? undefined : { message, text, conversation };
}

export async function midStreamLoss(directory: string, events: readonly ProgressEvent[]): Promise<MidStreamLoss> {
  const answer = lastAnswer(events);
  if (answer === undefined) {
    return { charactersLost: 0, measured: false };
  }
  if (answer.conversation === undefined) {
    return { charactersLost: answer.text.length, measured: true, problem: 'its conversation was never saved' };
  }
  const unreadable: string[] = [];
  const store = new FileConversationStore({ directory, log: quietLog, onUnreadable: (_id, problem) => unreadable.push(problem) });
  const conversation = await store.load(answer.conversation);
  if (conversation === undefined) {
    return { charactersLost: answer.text.length, measured: true, problem: `${answer.conversation} does not open (${unreadable[0] ?? 'its file is gone'})` };
  }
  const onDisk = conversation.messages.find((message) => message.id === answer.message)?.content ?? '';
  if (!answer.text.startsWith(onDisk) && !onDisk.startsWith(answer.text)) {
    return { charactersLost: answer.text.length, measured: true, problem: `${answer.conversation}: the saved answer is not the text streamed` };
  }
  return { charactersLost: Math.max(0, answer.text.length - onDisk.length), measured: true };
}

/** `median X, max Y` of the losses. */
export function lossSummary(losses: readonly number[]): string {
  const sorted = [...losses].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length === 0 ? 0 : sorted.length % 2 === 1 ? (sorted[middle] as number) : Math.round(((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2);
  return `median ${median}, max ${sorted.at(-1) ?? 0}`;
}
