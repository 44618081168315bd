/**
 * The workspace's instruction files on real folders (temporary directories read through a Node
 * version of the file-system port `vscode.workspace.fs` fills in the extension): which files apply
 * and in what order, multi-root paths, what is read again after a change, files that cannot be
 * used, the caps, the switch, and `open` limited to the files the chat listed.
 */

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InstructionFile } from '../../src/shell/chat/ports';
import type { InstructionFolder } from '../../src/shell/instructions/instructionFileSystem';
import { DiskFiles, writeTree } from '../helpers/instructionDisk';
import { maxInstructionFiles } from '../../src/shell/instructions/instructionPaths';
import { instructionCapBytes } from '../../src/shell/instructions/instructionText';
import { changeDebounceMs, WorkspaceInstructions } from '../../src/shell/instructions/workspaceInstructions';
import { MemoryLog } from '../helpers/chatFakes';
import { ManualClock } from './chat/diskRig';

const paths = (files: readonly InstructionFile[]): string[] => files.map((file) => file.path);

describe('instruction files in the workspace', () => {
  const made: string[] = [];
  afterEach(async () => {
    for (const directory of made.splice(0)) {
      await rm(directory, { recursive: true, force: true });
    }
  });

  async function workspace(folderNames: string[] = ['app']) {
    const parent = await mkdtemp(join(tmpdir(), 'switchboard-instructions-'));
    made.push(parent);
    const folders: InstructionFolder<string>[] = [];
    for (const name of folderNames) {
      await mkdir(join(parent, name));
      folders.push({ name, root: join(parent, name) });
    }
    const files = new DiskFiles();
    const log = new MemoryLog();
    const clock = new ManualClock();
    const opened: string[] = [];
    const settings = { enabled: true };
    const instructions = new WorkspaceInstructions<string>({
      files,
      folders: () => folders,
      enabled: () => settings.enabled,
      openFile: async (root, path) => {
        opened.push(join(root, path));
      },
      log,
      scheduleAfter: clock.schedule,
    });
    return { parent, folders, root: folders[0]?.root ?? parent, files, log, clock, opened, settings, instructions };
  }

  it('finds the conventional files in a stable order, nearest AGENTS.md and applyTo following the attached files', async () => {
    const { root, instructions } = await workspace();
    await writeTree(root, {
      'AGENTS.md': '# Project\nRun npm test.\n',
      'src/AGENTS.md': 'Source rules.',
      'src/lib/AGENTS.md': '---\napplyTo: "ignored here"\n---\nLibrary rules.',
      'docs/AGENTS.md': 'Docs rules.',
      'tests/AGENTS.md': 'Test rules (nothing attached below tests/).',
      '.github/copilot-instructions.md': 'Be brief.',
      '.github/instructions/all.instructions.md': "---\napplyTo: '**'\n---\nAlways.",
      '.github/instructions/ts.instructions.md': '---\ndescription: TypeScript\napplyTo: "**/*.ts,**/*.tsx"\n---\nStrict TypeScript.',
      '.github/instructions/nested/python.instructions.md': '---\napplyTo: *.py, scripts/**\n---\nPython and scripts.',
      '.github/instructions/manual.instructions.md': '---\ndescription: attached by hand only\n---\nManual.',
      '.github/instructions/notes.md': '---\napplyTo: "**"\n---\nNot an instructions file.',
      'CLAUDE.md': 'Claude rules.',
    });
    const found = await instructions.find(['src/lib/x.ts', 'src/other/y.ts', 'docs/guide.md', 'src/lib/z.ts']);
    assert.deepStrictEqual(found, [
      { path: 'AGENTS.md', text: '# Project\nRun npm test.', truncated: false },
      { path: 'docs/AGENTS.md', text: 'Docs rules.', truncated: false },
      { path: 'src/AGENTS.md', text: 'Source rules.', truncated: false },
      { path: 'src/lib/AGENTS.md', text: 'Library rules.', truncated: false },
      { path: '.github/copilot-instructions.md', text: 'Be brief.', truncated: false },
      { path: '.github/instructions/all.instructions.md', text: 'Always.', truncated: false },
      { path: '.github/instructions/ts.instructions.md', text: 'Strict TypeScript.', truncated: false },
      { path: 'CLAUDE.md', text: 'Claude rules.', truncated: false },
    ]);
    assert.deepStrictEqual(await instructions.find(['src/lib/z.ts', 'docs/guide.md', 'src/other/y.ts', 'src/lib/x.ts']), found, 'the order of the attachments does not matter');
    assert.deepStrictEqual(paths(await instructions.find([])), ['AGENTS.md', '.github/copilot-instructions.md', '.github/instructions/all.instructions.md', 'CLAUDE.md']);
    assert.deepStrictEqual(paths(await instructions.find(['scripts/release.sh'])), [
      'AGENTS.md',
      '.github/copilot-instructions.md',
      '.github/instructions/all.instructions.md',
      '.github/instructions/nested/python.instructions.md',
      'CLAUDE.md',
    ]);
  });

  it('prefixes paths with the folder name in a multi-root window, each folder matched against its own attached files', async () => {
    const { folders, instructions } = await workspace(['app', 'lib']);
    const [app, lib] = folders.map((folder) => folder.root) as [string, string];
    await writeTree(app, { 'AGENTS.md': 'App.', 'src/AGENTS.md': 'App source.', '.github/instructions/py.instructions.md': '---\napplyTo: "**/*.py"\n---\nApp Python.' });
    await writeTree(lib, { 'CLAUDE.md': 'Lib.', 'src/AGENTS.md': 'Lib source.', '.github/instructions/py.instructions.md': '---\napplyTo: "**/*.py"\n---\nLib Python.' });
    assert.deepStrictEqual(paths(await instructions.find(['app/src/main.ts', 'lib/tool.py'])), ['app/AGENTS.md', 'app/src/AGENTS.md', 'lib/.github/instructions/py.instructions.md', 'lib/CLAUDE.md']);
    // A path without a folder prefix (asRelativePath(uri, false)) is tried in every folder.
    assert.deepStrictEqual(paths(await instructions.find(['src/x.py'])), [
      'app/AGENTS.md',
      'app/src/AGENTS.md',
      'app/.github/instructions/py.instructions.md',
      'lib/src/AGENTS.md',
      'lib/.github/instructions/py.instructions.md',
      'lib/CLAUDE.md',
    ]);
  });

  it('never looks above a folder for an attached path that leaves it', async () => {
    const { parent, root, instructions, files } = await workspace();
    await writeTree(parent, { 'AGENTS.md': 'Outside the workspace.', 'other/AGENTS.md': 'Outside too.' });
    await writeTree(root, { 'AGENTS.md': 'Inside.' });
    assert.deepStrictEqual(paths(await instructions.find(['../other/x.ts', '/etc/passwd', 'src/../../other/x.ts'])), ['AGENTS.md']);
    assert.deepStrictEqual(files.reads, ['AGENTS.md']);
  });

  it('keeps what it read until the file changes, and reads it again after a change is reported', async () => {
    const { root, instructions, files, clock } = await workspace();
    await writeTree(root, { 'AGENTS.md': 'Version one.' });
    let told = 0;
    instructions.onDidChange(() => (told += 1));
    assert.equal((await instructions.find([]))[0]?.text, 'Version one.');
    assert.equal((await instructions.find([]))[0]?.text, 'Version one.');
    assert.deepStrictEqual(files.reads, ['AGENTS.md'], 'read once');

    // A longer text: its size and time tell, without a watcher.
    const sameTime = new Date(Date.UTC(2026, 0, 1));
    await writeTree(root, { 'AGENTS.md': 'Version two, longer.' });
    await utimes(join(root, 'AGENTS.md'), sameTime, sameTime);
    assert.equal((await instructions.find([]))[0]?.text, 'Version two, longer.');

    // The same size and the same time (an edit within the clock's resolution): only a change report tells.
    await writeTree(root, { 'AGENTS.md': 'Version 3!!, longer.' });
    await utimes(join(root, 'AGENTS.md'), sameTime, sameTime);
    assert.equal((await instructions.find([]))[0]?.text, 'Version two, longer.', 'the kept text');
    instructions.changed();
    instructions.changed();
    assert.equal((await instructions.find([]))[0]?.text, 'Version 3!!, longer.');
    assert.equal(told, 0, 'told after a short wait');
    clock.advance(changeDebounceMs);
    assert.equal(told, 1, 'a burst of changes is told once');

    await rm(join(root, 'AGENTS.md'));
    assert.deepStrictEqual(await instructions.find([]), []);
    assert.deepStrictEqual(files.reads, ['AGENTS.md', 'AGENTS.md', 'AGENTS.md']);
  });

  it('leaves out what cannot be used — a folder named AGENTS.md, invalid UTF-8, no permission, an empty file — logged once, never thrown', async () => {
    const { root, instructions, files, log } = await workspace();
    await mkdir(join(root, 'AGENTS.md'));
    await mkdir(join(root, 'src/lib/AGENTS.md'), { recursive: true });
    await writeTree(root, {
      'src/AGENTS.md': 'Source rules.',
      'docs/AGENTS.md': new Uint8Array([0x48, 0x69, 0xc3, 0x28]),
      '.github/copilot-instructions.md': 'Unreadable.',
      'CLAUDE.md': '---\napplyTo: "**"\n---\n\n  \n',
      '.github/instructions/go.instructions.md': '---\napplyTo: "**/*.go"\n---\nGo.',
    });
    files.failing.set(join(root, '.github/copilot-instructions.md'), 'EACCES');
    files.failing.set(join(root, '.github/instructions'), 'EACCES');
    const attached = ['src/lib/x.ts', 'docs/guide.md', 'main.go'];
    assert.deepStrictEqual(paths(await instructions.find(attached)), ['src/AGENTS.md'], 'past the folder named AGENTS.md, the next one up');
    assert.deepStrictEqual(paths(await instructions.find(attached)), ['src/AGENTS.md']);
    // The reads run side by side, so the lines come in any order.
    assert.deepStrictEqual(log.lines.sort(), [
      "warn: Instruction file .github/copilot-instructions.md left out: EACCES: permission denied, open '.github/copilot-instructions.md'.",
      'warn: Instruction file AGENTS.md left out: it is a folder.',
      'warn: Instruction file docs/AGENTS.md left out: it is not UTF-8 text.',
      'warn: Instruction file src/lib/AGENTS.md left out: it is a folder.',
      "warn: Instruction files in app/.github/instructions left out: EACCES: permission denied, open '.github/instructions'.",
    ]);
  });

  it('cuts a file at 64 KiB on a line end, and sends at most 20 files, logging the rest once', async () => {
    const { root, instructions, log } = await workspace();
    const line = `${'a'.repeat(63)}\n`;
    const nested: Record<string, string> = {};
    for (let index = 0; index < maxInstructionFiles + 4; index++) {
      nested[`pkg${String(index).padStart(2, '0')}/AGENTS.md`] = `Package ${index}.`;
    }
    await writeTree(root, { 'AGENTS.md': line.repeat(2000), ...nested });
    const attached = Object.keys(nested).map((path) => path.replace('AGENTS.md', 'index.ts'));
    const found = await instructions.find(attached);
    assert.equal(found.length, maxInstructionFiles);
    assert.deepStrictEqual(found[0], { path: 'AGENTS.md', text: line.repeat(instructionCapBytes / line.length - 1) + 'a'.repeat(63), truncated: true });
    assert.equal(found.at(-1)?.path, 'pkg18/AGENTS.md');
    await instructions.find(attached);
    assert.deepStrictEqual(log.lines, ['warn: 5 instruction files left out (at most 20 go into a request): pkg19/AGENTS.md, pkg20/AGENTS.md, pkg21/AGENTS.md, pkg22/AGENTS.md, pkg23/AGENTS.md.']);
  });

  it('finds nothing when switched off or without a folder, and tells when the switch changes', async () => {
    const { root, instructions, files, settings, clock } = await workspace();
    await writeTree(root, { 'AGENTS.md': 'Rules.' });
    settings.enabled = false;
    assert.deepStrictEqual(await instructions.find(['src/a.ts']), []);
    assert.deepStrictEqual(files.reads, []);
    let told = 0;
    instructions.onDidChange(() => (told += 1));
    settings.enabled = true;
    instructions.changed();
    clock.advance(changeDebounceMs);
    assert.equal(told, 1);
    assert.deepStrictEqual(paths(await instructions.find([])), ['AGENTS.md']);

    const { instructions: empty } = await workspace([]);
    assert.deepStrictEqual(await empty.find(['AGENTS.md']), []);
  });

  it('opens only a file it listed, by the path the chat shows', async () => {
    const { folders, instructions, opened, log } = await workspace(['app', 'lib']);
    await writeTree(folders[1]!.root, { 'AGENTS.md': 'Lib.' });
    await instructions.open('lib/AGENTS.md');
    assert.deepStrictEqual(opened, [], 'not listed yet');
    assert.deepStrictEqual(paths(await instructions.find([])), ['lib/AGENTS.md']);
    await instructions.open('lib/AGENTS.md');
    await instructions.open('lib/../../etc/passwd');
    await instructions.open('app/AGENTS.md');
    assert.deepStrictEqual(opened, [join(folders[1]!.root, 'AGENTS.md')]);
    assert.deepStrictEqual(log.lines, [
      'warn: Not opened: "lib/AGENTS.md" is not an instruction file the chat listed.',
      'warn: Not opened: "lib/../../etc/passwd" is not an instruction file the chat listed.',
      'warn: Not opened: "app/AGENTS.md" is not an instruction file the chat listed.',
    ]);
    instructions.foldersChanged();
    await instructions.open('lib/AGENTS.md');
    assert.equal(opened.length, 1, 'forgotten when the folders change');
  });
});
