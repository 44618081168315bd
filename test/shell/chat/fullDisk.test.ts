/**
 * The chat on a full, read-only or unwritable disk: it says so once, in words a person can act on,
 * keeps working in memory (sending, streaming, switching conversations), never damages a file it
 * saved before (the atomic write removes its temporary file and leaves the target alone), and
 * saves again by itself once the disk takes writes — and says that too.
 *
 * The full disk is a real tmpfs of 256 KiB where the machine lets us mount one (root on Linux),
 * filled by a filler file; elsewhere the store's injected file-system port fails as the kernel
 * would (the test title says which). EACCES goes through the port (root writes anywhere), EROFS
 * through a read-only remount of the tmpfs where mounted, else the port.
 */

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileConversationStore } from '../../../src/shell/chat/conversationStore';
import { saveRetryDelaysMs } from '../../../src/shell/chat/saveKeeper';
import { coreCompletions, useChatRigs } from '../../helpers/chatHarness';
import { FaultyFiles, filesOf, fillDisk, messagesOnDisk, mountTmpfs, remount, unmount } from './diskFaults';
import { until, useDiskRigs, type DiskRig } from './diskRig';

function notices(rig: DiskRig): string[] {
  return rig.sink.of('notice').map((notice) => notice.message);
}

describe('chat: a full or read-only disk', function () {
  const rigs = useChatRigs();
  const diskRig = useDiskRigs();
  let mountPoint: string;
  let mounted = false;

  before(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'switchboard-tmpfs-'));
    mounted = mountTmpfs(mountPoint);
    if (!mounted) {
      console.log('    tmpfs not available, using the injected port');
    }
  });
  after(async () => {
    if (mounted) {
      unmount(mountPoint);
    }
    await rm(mountPoint, { recursive: true, force: true });
  });

  /**
   * Saves one conversation, breaks the disk, then chats on: a second answer streamed, a new chat,
   * the first conversation opened again. Returns what the folder held before the fault.
   */
  async function chatThroughFault(rig: DiskRig, directory: string, breakDisk: () => Promise<void>): Promise<Map<string, string>> {
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'First question', attachments: [] });
    await rig.controller.idle();
    await rig.controller.history.post();
    // The index file is written now and then: flushed here, so nothing is written behind the fault.
    await (rig.store.inner as FileConversationStore).flush();
    assert.equal((await filesOf(directory)).size, 3, 'the conversation, the change log and the index');
    const before = await filesOf(directory);
    await breakDisk();
    rig.sink.clear();
    await rig.receive({ type: 'chat/send', requestId: 'req-2', text: 'Second question', attachments: [] });
    await rig.controller.idle();
    const [done] = rig.sink.of('chat/done');
    assert.equal(done?.message.status, 'complete', 'the answer streamed on');
    assert.ok((done?.message.content.length ?? 0) > 100);
    await rig.receive({ type: 'chat/new' });
    await rig.receive({ type: 'chat/send', requestId: 'req-3', text: 'In a new chat', attachments: [] });
    await rig.controller.idle();
    await rig.receive({ type: 'history/open', conversationId: 'id-1' });
    const reopened = rig.sink.of('state/snapshot').at(-1)?.snapshot;
    assert.deepStrictEqual([reopened?.conversationId, reopened?.messages.length], ['id-1', 4], 'the unsaved conversation reopens with all it had in memory');
    assert.deepStrictEqual(await filesOf(directory), before, 'what was saved before is byte for byte intact, no temporary file left');
    return before;
  }

  /** The disk takes writes again: a retry (no new message needed) saves everything and says so. */
  async function recovers(rig: DiskRig, directory: string): Promise<void> {
    rig.env.clock.advance(saveRetryDelaysMs[saveRetryDelaysMs.length - 1] as number);
    await until(() => notices(rig).includes('Switchboard saved this chat again.'), "the 'saved again' notice");
    assert.equal(await messagesOnDisk(directory, 'id-1'), 4, 'the first conversation holds its second answer');
    assert.equal(await messagesOnDisk(directory, 'id-6'), 2, 'the new chat got its file');
    assert.deepStrictEqual(rig.env.clock.pending, [], 'no retry waits once all is saved');
  }

  it(`full disk (ENOSPC) — on a 256 KiB tmpfs filled by a file where mountable, else through the injected port: told once, keeps chatting, nothing damaged, saved again once there is room`, async function () {
    const faulty = new FaultyFiles();
    const directory = mounted ? join(mountPoint, 'full') : join(await rigs.directory(), 'full');
    const rig = await diskRig({ directory, client: coreCompletions(rigs.client()), ...(mounted ? {} : { fileSystem: faulty.port }) });
    let filler: string | undefined;
    console.log(`    (${mounted ? 'a real tmpfs' : 'the injected port'})`);
    await chatThroughFault(rig, directory, async () => {
      if (mounted) {
        filler = await fillDisk(mountPoint);
      } else {
        faulty.fault = 'ENOSPC';
      }
    });
    const told = `Switchboard could not save this chat: the disk is full (ENOSPC at ${directory}). The chat keeps working; it will be saved again once there is room.`;
    assert.deepStrictEqual(notices(rig), [told], 'told once, not per save');
    assert.deepStrictEqual(rig.env.warnings, [told], 'a warning that stays, once');
    assert.ok(rig.log.lines.some((line) => line.startsWith('error: Chat: saving conversation id-1 failed') && line.includes('ENOSPC')));
    if (filler !== undefined) {
      await unlink(filler);
    }
    faulty.fault = undefined;
    await recovers(rig, directory);
  });

  for (const code of ['EACCES', 'EROFS'] as const) {
    const real = code === 'EROFS';
    it(`${code === 'EACCES' ? 'unwritable folder (EACCES), through the injected port' : 'read-only disk (EROFS), by a read-only remount of the tmpfs where mountable, else the injected port'}: told once, keeps chatting, nothing damaged, saved again`, async function () {
      const faulty = new FaultyFiles();
      const useMount = real && mounted;
      const directory = useMount ? join(mountPoint, 'readonly') : join(await rigs.directory(), code);
      const rig = await diskRig({ directory, client: coreCompletions(rigs.client()), ...(useMount ? {} : { fileSystem: faulty.port }) });
      await chatThroughFault(rig, directory, async () => {
        if (useMount) {
          remount(mountPoint, 'ro');
        } else {
          faulty.fault = code;
        }
      });
      const expected =
        code === 'EACCES'
          ? `Switchboard could not save this chat: it is not allowed to write to ${directory} (EACCES). The chat keeps working; it will be saved again once the folder can be written to.`
          : `Switchboard could not save this chat: the disk is read-only (EROFS at ${directory}). The chat keeps working; it will be saved again once the disk can be written to.`;
      assert.deepStrictEqual(notices(rig), [expected]);
      assert.deepStrictEqual(rig.env.warnings, [expected]);
      if (useMount) {
        remount(mountPoint, 'rw');
      }
      faulty.fault = undefined;
      await recovers(rig, directory);
    });
  }

  it('a folder that could not be created at first is created once it can be (the failure is not kept)', async () => {
    const parent = join(await rigs.directory(), 'blocked');
    await writeFile(parent, 'a file where the folder should be'); // mkdir fails (ENOTDIR), as on a read-only disk
    const directory = join(parent, 'conversations');
    const rig = await diskRig({ directory, client: coreCompletions(rigs.client()) });
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hello', attachments: [] });
    await rig.controller.idle();
    assert.equal(notices(rig).length, 1, 'told once');
    await unlink(parent);
    await mkdir(parent);
    rig.env.clock.advance(saveRetryDelaysMs[0] as number);
    await until(() => notices(rig).includes('Switchboard saved this chat again.'), "the 'saved again' notice");
    assert.equal(await messagesOnDisk(directory, 'id-1'), 2);
    await rmdir(parent).catch(() => undefined);
  });
});
