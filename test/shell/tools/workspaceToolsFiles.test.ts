/**
 * The built-in workspace tools' source, list_directory and read_file over a real temporary folder:
 * what they show, their caps (said in the result), the files they refuse (ignored, excluded,
 * binary, linked) and every way out of the workspace a model might try, each answered with an
 * error result that names the argument — and never with the secret outside.
 */

import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTree } from '../../helpers/instructionDisk';
import { envSecret, makeRig, outsideSecret, removeRig, rigOver, type ToolRig } from './workspaceToolsRig';

describe('workspace tools: the source', () => {
  let rig: ToolRig | undefined;
  afterEach(async () => removeRig(rig));

  it('is always ready with six read-only tools, list_directory first and callable without arguments; each schema a closed object', async () => {
    rig = await makeRig();
    const status = await rig.source.start();
    assert.deepStrictEqual(
      { id: rig.source.id, kind: rig.source.kind, label: rig.source.label, state: status.state, problem: status.problem, names: status.tools.map((tool) => tool.name) },
      { id: 'builtin', kind: 'builtin', label: 'Workspace', state: 'ready', problem: undefined, names: ['list_directory', 'read_file', 'find_files', 'search_text', 'get_problems', 'get_changes'] },
    );
    assert.deepStrictEqual(rig.source.status(), status);
    for (const tool of status.tools) {
      assert.equal(tool.readOnly, true, tool.name);
      assert.equal(tool.inputSchema.type, 'object', tool.name);
      assert.equal(tool.inputSchema.additionalProperties, false, tool.name);
      assert.ok(tool.description.length > 80, tool.name);
    }
    assert.deepStrictEqual(status.tools[0]?.inputSchema.required, []);
    const first = await rig.call('list_directory');
    assert.equal(first.isError, false);
  });

  it('answers an unknown tool, unknown, missing and mistyped arguments with an error result naming them', async () => {
    rig = await makeRig();
    assert.deepStrictEqual(await rig.call('delete_everything'), {
      isError: true,
      text: 'There is no workspace tool named "delete_everything". The workspace tools are list_directory, read_file, find_files, search_text, get_problems, get_changes.',
    });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'README.md', start_line: 2 }), { isError: true, text: 'Unknown argument "start_line": it takes "path", "startLine", "endLine".' });
    assert.deepStrictEqual(await rig.call('read_file', {}), { isError: true, text: 'The argument "path" is required.' });
    assert.deepStrictEqual(await rig.call('read_file', { path: 42 }), { isError: true, text: 'The argument "path" must be a string, not a number.' });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'README.md', startLine: 0 }), { isError: true, text: 'The argument "startLine" must be a whole number of at least 1, not 0.' });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'README.md', startLine: 1.5 }), { isError: true, text: 'The argument "startLine" must be a whole number of at least 1, not 1.5.' });
    assert.deepStrictEqual(await rig.call('search_text', { query: 'x', isRegExp: 'yes' }), { isError: true, text: 'The argument "isRegExp" must be true or false, not the string "yes".' });
    assert.deepStrictEqual(await rig.call('get_changes', { verbose: true }), { isError: true, text: 'Unknown argument "verbose": it takes no arguments.' });
    assert.deepStrictEqual(rig.errors, []);
  });

  it('answers every tool with an error result when no folder is open', async () => {
    rig = rigOver('/nonexistent', []);
    const calls: [string, Record<string, unknown>][] = [
      ['list_directory', {}],
      ['read_file', { path: 'a.txt' }],
      ['find_files', { pattern: '*' }],
      ['search_text', { query: 'x' }],
      ['get_problems', {}],
      ['get_changes', {}],
    ];
    for (const [name, args] of calls) {
      assert.deepStrictEqual(await rig.call(name, args), { isError: true, text: 'No folder is open in VS Code, so there are no workspace files. Ask the user to open a folder.' }, name);
    }
  });
});

describe('workspace tools: list_directory', () => {
  let rig: ToolRig | undefined;
  afterEach(async () => removeRig(rig));

  it('lists the top level without a path: folders first with their file counts, ignored, excluded and .git left out', async () => {
    rig = await makeRig(undefined, { links: false });
    await writeTree(rig.workspace, { '.git/HEAD': 'ref: refs/heads/main\n' });
    assert.deepStrictEqual(await rig.call('list_directory'), {
      isError: false,
      text: ['The workspace: 1 folder, 3 files', 'src/ (2 files)', '.gitignore', 'README.md', 'logo.png'].join('\n'),
    });
    assert.deepStrictEqual(await rig.call('list_directory', { path: './src/' }), { isError: false, text: ['src/: 1 folder, 1 file', 'util/ (1 file)', 'main.ts'].join('\n') });
  });

  it('refuses a file, a missing folder, an ignored folder and paths out of the workspace', async () => {
    rig = await makeRig();
    assert.deepStrictEqual(await rig.call('list_directory', { path: 'README.md' }), { isError: true, text: 'The argument "path" names a file, "README.md": use read_file to read it.' });
    assert.deepStrictEqual(await rig.call('list_directory', { path: 'docs' }), {
      isError: true,
      text: 'The argument "path" names no folder of the workspace: "docs" does not exist. Call list_directory without a path to see the top level.',
    });
    assert.deepStrictEqual(await rig.call('list_directory', { path: 'build' }), {
      isError: true,
      text: '"build" holds no files the workspace tools may read: all are excluded (files.exclude) or ignored (.gitignore).',
    });
    assert.deepStrictEqual(await rig.call('list_directory', { path: '..' }), {
      isError: true,
      text: 'The argument "path" must not contain ".." (only files inside the workspace folders can be read): "..".',
    });
    assert.deepStrictEqual(await rig.call('list_directory', { path: rig.root }), {
      isError: true,
      text: `The argument "path" must be relative to the workspace (such as "src/main.ts"), not absolute: ${JSON.stringify(rig.root)}.`,
    });
  });

  it('stops at 500 entries and says so', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 520; index += 1) {
      files[`many/file${String(index).padStart(3, '0')}.txt`] = 'x\n';
    }
    rig = await makeRig(files, { links: false });
    const { text, isError } = await rig.call('list_directory', { path: 'many' });
    const lines = text.split('\n');
    assert.deepStrictEqual(
      { isError, count: lines.length, first: lines.slice(0, 2), last: lines.at(-1) },
      { isError: false, count: 502, first: ['many/: 0 folders, 520 files', 'file000.txt'], last: '… and 20 more entries (the list stops at 500; use find_files with a glob to narrow it).' },
    );
  });

  it('names each folder of a multi-root workspace, and lists inside one by its name', async () => {
    const root = await mkdtemp(join(tmpdir(), 'switchboard-tools-'));
    await writeTree(join(root, 'app'), { 'src/index.ts': 'export {};\n' });
    await writeTree(join(root, 'lib'), { 'README.md': '# Lib\n', '.gitignore': 'secret.txt\n', 'secret.txt': 'hidden\n' });
    rig = rigOver(root, [
      { name: 'app', dir: join(root, 'app') },
      { name: 'lib', dir: join(root, 'lib') },
    ]);
    assert.deepStrictEqual(await rig.call('list_directory'), { isError: false, text: ['The workspace: 2 folders, 0 files', 'app/ (1 file)', 'lib/ (2 files)'].join('\n') });
    assert.deepStrictEqual(await rig.call('list_directory', { path: 'lib' }), { isError: false, text: ['lib/: 0 folders, 2 files', '.gitignore', 'README.md'].join('\n') });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'lib/README.md' }), { isError: false, text: 'lib/README.md (all 1 lines):\n# Lib' });
    assert.equal((await rig.call('read_file', { path: 'lib/secret.txt' })).isError, true);
    assert.deepStrictEqual(await rig.call('find_files', { pattern: 'src/**' }), { isError: false, text: '1 file matches "src/**":\napp/src/index.ts' });
  });
});

describe('workspace tools: read_file', () => {
  let rig: ToolRig | undefined;
  afterEach(async () => removeRig(rig));

  it('reads a whole file, a range of lines, and refuses a range past its end', async () => {
    rig = await makeRig();
    assert.deepStrictEqual(await rig.call('read_file', { path: 'src/util/math.ts' }), {
      isError: false,
      text: 'src/util/math.ts (all 3 lines):\nexport function add(a: number, b: number): number {\n  return a + b;\n}',
    });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'src\\main.ts', startLine: 3, endLine: '4' }), {
      isError: false,
      text: 'src/main.ts (lines 3–4 of 5):\nexport function main(): number {\n  return add(1, 2);',
    });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'src/main.ts', startLine: 4, endLine: 99 }), { isError: false, text: 'src/main.ts (lines 4–5 of 5):\n  return add(1, 2);\n}' });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'src/main.ts', startLine: 9 }), {
      isError: true,
      text: 'The argument "startLine" (9) is past the end of src/main.ts, which has 5 lines.',
    });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'src/main.ts', startLine: 3, endLine: 2 }), { isError: true, text: 'The argument "endLine" (2) is before "startLine" (3).' });
  });

  it('caps a long file at 2,000 lines, says so and where to read on; a line over 64 KiB shows its start', async () => {
    const lines = Array.from({ length: 5_000 }, (_, index) => `line ${index + 1}`);
    rig = await makeRig({ 'long.txt': `${lines.join('\n')}\n`, 'minified.js': `${'x'.repeat(100_000)}\nsecond\n` }, { links: false });
    const first = await rig.call('read_file', { path: 'long.txt' });
    const firstLines = first.text.split('\n');
    assert.deepStrictEqual(
      { isError: first.isError, heading: firstLines[0], shown: firstLines.length - 2, lastShown: firstLines.at(-2), note: firstLines.at(-1) },
      {
        isError: false,
        heading: 'long.txt (lines 1–2000 of 5000):',
        shown: 2_000,
        lastShown: 'line 2000',
        note: '[Cut at the read_file limit of 2000 lines and 64 KiB per call: read on with startLine 2001.]',
      },
    );
    const next = await rig.call('read_file', { path: 'long.txt', startLine: 4_990 });
    assert.equal(next.text, `long.txt (lines 4990–5000 of 5000):\n${lines.slice(4_989).join('\n')}`);
    const minified = await rig.call('read_file', { path: 'minified.js' });
    assert.deepStrictEqual(minified, {
      isError: false,
      text: `minified.js (lines 1–1 of 2):\n${'x'.repeat(65_536)}\n[Line 1 is longer than 64 KiB: only its first 65536 characters are shown. Read on with startLine 2.]`,
    });
  });

  it('refuses a binary file, an ignored file (.env), an excluded one, a folder and a missing file, each in words', async () => {
    rig = await makeRig();
    assert.deepStrictEqual(await rig.call('read_file', { path: 'logo.png' }), { isError: true, text: '"logo.png" is a binary file, so it cannot be read as text.' });
    const ignored = 'is excluded by the files.exclude setting or ignored by .gitignore: the workspace tools do not read such files (they often hold secrets, such as .env files, or build output).';
    assert.deepStrictEqual(await rig.call('read_file', { path: '.env' }), { isError: true, text: `".env" ${ignored}` });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'build/out.js' }), { isError: true, text: `"build/out.js" ${ignored}` });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'node_modules/left-pad/index.js' }), { isError: true, text: `"node_modules/left-pad/index.js" ${ignored}` });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'src' }), { isError: true, text: '"src" is a folder: use list_directory to see what it holds.' });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'src/missing.ts' }), {
      isError: true,
      text: '"src/missing.ts" does not exist in the workspace. Use find_files or list_directory to find the right path.',
    });
    assert.ok(!rig.host.peeked.includes('.env'), 'the ignored file was never read');
  });

  it('refuses every way out of the workspace: ../, absolute paths, a/../../x, URIs, ~, and symbolic links to outside', async () => {
    rig = await makeRig();
    const attempts = [
      '../outside/secret.txt',
      'src/../../outside/secret.txt',
      'a/../../outside/secret.txt',
      join(rig.root, 'outside', 'secret.txt'),
      '/etc/passwd',
      'C:\\Windows\\win.ini',
      'file:///etc/passwd',
      '~/.ssh/id_rsa',
      '..\\outside\\secret.txt',
    ];
    for (const path of attempts) {
      const result = await rig.call('read_file', { path });
      assert.equal(result.isError, true, path);
      assert.match(result.text, /^The argument "path" must (be relative to the workspace|not contain "\.\.")/, path);
      assert.ok(!result.text.includes(outsideSecret), path);
    }
    assert.deepStrictEqual(await rig.call('read_file', { path: 'linked.txt' }), {
      isError: true,
      text: '"linked.txt" is reached through a symbolic link ("linked.txt"): the workspace tools do not follow links, which may lead outside the workspace.',
    });
    assert.deepStrictEqual(await rig.call('read_file', { path: 'linked-folder/secret.txt' }), {
      isError: true,
      text: '"linked-folder/secret.txt" is reached through a symbolic link ("linked-folder"): the workspace tools do not follow links, which may lead outside the workspace.',
    });
    assert.ok(!rig.host.peeked.some((path) => path.startsWith('linked')), 'no linked file was read');
    assert.ok(!JSON.stringify(await rig.call('read_file', { path: '.env' })).includes(envSecret));
  });
});
