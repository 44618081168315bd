/**
 * The mid-stream kills' measure (crashes/midStream.ts) reads the child's progress right: the
 * answer is looked for in the conversation that held it, even when the kill came after it ended,
 * as the next chat's first save began (a CI run once counted that as a lost conversation).
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'mocha';
import { FileConversationStore } from '../../../src/shell/chat/conversationStore';
import type { Conversation } from '../../../src/shell/chat/ports';
import { MemoryLog } from '../../helpers/chatFakes';
import { midStreamLoss } from './crashes/midStream';
import type { ProgressEvent } from './crashes/progress';

function conversation(id: string, answer: string): Conversation {
  return {
    version: 2,
    id,
    title: 'A long story',
    createdAt: 1,
    updatedAt: 2,
    model: 'openai/gpt-4o-mini',
    messages: [
      { id: `${id}-q`, role: 'user', content: 'Tell me a long story.', status: 'complete', createdAt: 1 },
      { id: `${id}-a`, role: 'assistant', content: answer, status: 'complete', createdAt: 2 },
    ],
  };
}

describe('hardening: the mid-stream measure', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'switchboard-midstream-measure-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('an answer that ended before the kill is read from its own conversation, not from the next chat whose first save was cut short', async () => {
    await new FileConversationStore({ directory, log: new MemoryLog() }).save(conversation('k1c0-1', 'Once upon a time.'));
    const events: ProgressEvent[] = [
      { e: 'save-begin', id: 'k1c0-1', hash: 'h1', messages: 2 },
      { e: 'saved', id: 'k1c0-1', hash: 'h1' },
      { e: 'delta', message: 'k1c0-1-a', text: 'Once upon ' },
      { e: 'delta', message: 'k1c0-1-a', text: 'a time.' },
      { e: 'save-begin', id: 'k1c0-1', hash: 'h2', messages: 2 },
      { e: 'saved', id: 'k1c0-1', hash: 'h2' },
      // The next chat's question: its save began, and the kill landed before its file did.
      { e: 'save-begin', id: 'k1c0-2', hash: 'h3', messages: 2 },
    ];
    assert.deepStrictEqual(await midStreamLoss(directory, events), { charactersLost: 0, measured: true });
  });

  it('an answer cut short counts the characters the view had and the file has not', async () => {
    await new FileConversationStore({ directory, log: new MemoryLog() }).save(conversation('k1c0-1', 'Once upon '));
    const events: ProgressEvent[] = [
      { e: 'save-begin', id: 'k1c0-1', hash: 'h1', messages: 2 },
      { e: 'delta', message: 'k1c0-1-a', text: 'Once upon ' },
      { e: 'save-begin', id: 'k1c0-1', hash: 'h2', messages: 2 },
      { e: 'delta', message: 'k1c0-1-a', text: 'a time.' },
    ];
    assert.deepStrictEqual(await midStreamLoss(directory, events), { charactersLost: 7, measured: true });
  });

  it('an answer whose conversation never reached the disk is named lost', async () => {
    const events: ProgressEvent[] = [
      { e: 'save-begin', id: 'k1c0-1', hash: 'h1', messages: 2 },
      { e: 'delta', message: 'k1c0-1-a', text: 'Once upon ' },
    ];
    const loss = await midStreamLoss(directory, events);
    assert.equal(loss.charactersLost, 10);
    assert.match(loss.problem ?? '', /k1c0-1 does not open/);
  });
});
