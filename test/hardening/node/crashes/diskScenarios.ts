/**
 * The "full or read-only disk" scenarios of the crashes area: the real chat controller on the real
 * store saves a conversation, then the disk fails — full (a filled tmpfs where mountable, else the
 * injected port), read-only (a read-only remount, else the port), unwritable (the port: root
 * writes anywhere), full while an answer streams — and the chat goes on: a second answer, a new
 * chat, the first reopened. Bad is a file saved before that changed, or a chat that stopped
 * working; the disk then takes writes again and everything must be saved without a new message.
 */

import { mkdir, unlink } from 'node:fs/promises';
import type { FileConversationStore } from '../../../../src/shell/chat/conversationStore';
import { saveRetryDelaysMs } from '../../../../src/shell/chat/saveKeeper';
import { FaultyFiles, filesOf, fillDisk, messagesOnDisk, remount } from '../../../shell/chat/diskFaults';
import { until, type DiskRig, type DiskRigOptions } from '../../../shell/chat/diskRig';

export type DiskFault = 'full' | 'read-only' | 'unwritable' | 'full mid-stream';

export interface DiskScenario {
  fault: DiskFault;
  /** A tmpfs the scenario may fill or remount; undefined: the injected port. */
  mountPoint: string | undefined;
  /** A folder of its own for the conversations (on the tmpfs when one is given). */
  directory: string;
  rig: (options: DiskRigOptions) => Promise<DiskRig>;
  client: DiskRigOptions['client'];
}

/** Runs one scenario; returns what went wrong (a damaged file, a chat that stopped), or nothing. */
export async function runDiskScenario(scenario: DiskScenario): Promise<string[]> {
  const { fault, mountPoint, directory } = scenario;
  const problems: string[] = [];
  const faulty = new FaultyFiles();
  const real = mountPoint !== undefined && (fault === 'full' || fault === 'read-only');
  await mkdir(directory, { recursive: true });
  const rig = await scenario.rig({ directory, client: scenario.client, ...(real ? {} : { fileSystem: faulty.port }) });
  await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'First question', attachments: [] });
  await rig.controller.idle();
  await rig.controller.history.post();
  // The index file is written now and then: flushed here, so nothing is written behind the fault.
  await (rig.store.inner as FileConversationStore).flush();
  if ((await filesOf(directory)).size !== 3) {
    problems.push('the conversation, the change log and the index were not all written before the fault');
  }
  const before = await filesOf(directory);
  let filler: string | undefined;
  if (real && fault === 'full') {
    filler = await fillDisk(mountPoint);
  } else if (real) {
    remount(mountPoint, 'ro');
  } else {
    faulty.fault = fault === 'unwritable' ? 'EACCES' : fault === 'read-only' ? 'EROFS' : 'ENOSPC';
  }
  try {
    rig.sink.clear();
    await rig.receive({ type: 'chat/send', requestId: 'req-2', text: 'Second question', attachments: [] });
    if (fault === 'full mid-stream') {
      // Progress saves fail while the answer streams: the interval passes a few times.
      for (let tick = 0; tick < 3; tick++) {
        rig.env.clock.advance(2_000);
      }
    }
    await rig.controller.idle();
    if (rig.sink.of('chat/done')[0]?.message.status !== 'complete') {
      problems.push('the second answer did not complete');
    }
    await rig.receive({ type: 'chat/new' });
    await rig.receive({ type: 'chat/send', requestId: 'req-3', text: 'In a new chat', attachments: [] });
    await rig.controller.idle();
    await rig.receive({ type: 'history/open', conversationId: 'id-1' });
    if (rig.sink.of('state/snapshot').at(-1)?.snapshot.messages.length !== 4) {
      problems.push('the first conversation did not reopen with all it had');
    }
    if (rig.sink.of('notice').length !== 1) {
      problems.push(`told ${rig.sink.of('notice').length} times, not once`);
    }
    const after = await filesOf(directory);
    if (JSON.stringify([...after]) !== JSON.stringify([...before])) {
      problems.push(`the folder changed while the disk failed: ${[...before.keys()].join(', ')} became ${[...after.keys()].join(', ')}`);
    }
  } finally {
    if (filler !== undefined) {
      await unlink(filler);
    } else if (real) {
      remount(mountPoint, 'rw');
    }
    faulty.fault = undefined;
  }
  rig.env.clock.advance(saveRetryDelaysMs.at(-1) as number);
  try {
    await until(() => rig.sink.of('notice').some((notice) => notice.message === 'Switchboard saved this chat again.'), "'saved again'");
    if ((await messagesOnDisk(directory, 'id-1')) !== 4) {
      problems.push('the first conversation was not saved again');
    }
  } catch (error) {
    problems.push(`not saved again: ${String(error)}`);
  }
  return problems;
}
