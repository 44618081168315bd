/**
 * The pure rules of the instruction files: front matter, `applyTo` as VS Code matches it, which
 * `AGENTS.md` paths sit above an attached file and which folder an attached path belongs to, the
 * size cap, and the system prompt's exact bytes.
 */

import assert from 'node:assert/strict';
import type { InstructionFile } from '../../src/shell/chat/ports';
import { appliesTo, splitGlobs } from '../../src/shell/instructions/applyTo';
import { parseFrontMatter } from '../../src/shell/instructions/frontMatter';
import { agentsFilesAbove, attachedPathsByFolder, isInsideFolder } from '../../src/shell/instructions/instructionPaths';
import { capText, instructionCapBytes, readInstruction } from '../../src/shell/instructions/instructionText';
import { systemPrompt } from '../../src/shell/instructions/systemPrompt';

const utf8 = new TextEncoder();

describe('instruction files: the rules', () => {
  it('reads applyTo from the front matter as Copilot writes it, and strips the block', () => {
    const cases: [string, ReturnType<typeof parseFrontMatter>][] = [
      ['---\napplyTo: "**/*.ts,**/*.tsx"\n---\nUse tabs.', { applyTo: '**/*.ts,**/*.tsx', body: 'Use tabs.' }],
      ["---\ndescription: 'Python'\napplyTo: '*.py'\n---\n\nPEP 8.\n", { applyTo: '*.py', body: '\nPEP 8.\n' }],
      ['---\napplyTo: **/*.go # the Go files\n---\nGo.', { applyTo: '**/*.go', body: 'Go.' }],
      ['---\ndescription: no pattern\n---\nBody', { body: 'Body' }],
      ['---\napplyTo: ""\n---\nBody', { body: 'Body' }],
      ['---  \napplyTo:src/**\n---\t\nBody', { applyTo: 'src/**', body: 'Body' }],
      ['No front matter.\n---\napplyTo: x\n---\n', { body: 'No front matter.\n---\napplyTo: x\n---\n' }],
      ['---\nA rule opens the text, and never closes.', { body: '---\nA rule opens the text, and never closes.' }],
      ['---\n  applyTo: indented\n---\nBody', { body: 'Body' }],
    ];
    assert.deepStrictEqual(
      cases.map(([text]) => parseFrontMatter(text)),
      cases.map(([, parsed]) => parsed),
    );
  });

  it('splits applyTo at commas outside braces and brackets', () => {
    assert.deepStrictEqual(splitGlobs(' **/*.ts , src/{a,b}/**, [,x]*.md ,, '), ['**/*.ts', 'src/{a,b}/**', '[,x]*.md']);
  });

  it('matches applyTo against the attached files as VS Code does: any depth, several globs, case ignored, ** always', () => {
    const attached = ['src/app/main.ts', 'scripts/build.sh', '.github/workflows/ci.yml', 'README.md'];
    const cases: [string, readonly string[], boolean][] = [
      ['**', [], true],
      ['**/*', [], true],
      ['*', [], true],
      ['**/*.ts', attached, true],
      ['*.ts', attached, true],
      ['app/*.ts', attached, true],
      ['/app/*.ts', attached, false],
      ['/src/app/*.ts', attached, true],
      ['**/*.py', attached, false],
      ['**/*.py, scripts/**', attached, true],
      ['**/*.{py,sh}', attached, true],
      ['**/*.TS', attached, true],
      ['**/*.yml', attached, true],
      ['readme.md', attached, true],
      ['**/*.ts', [], false],
      ['', attached, false],
    ];
    assert.deepStrictEqual(
      cases.map(([applyTo, paths]) => appliesTo(applyTo, paths)),
      cases.map(([, , expected]) => expected),
    );
  });

  it('lists the AGENTS.md paths above an attached file, nearest first, without the root one', () => {
    assert.deepStrictEqual(agentsFilesAbove('src/lib/deep/file.ts'), ['src/lib/deep/AGENTS.md', 'src/lib/AGENTS.md', 'src/AGENTS.md']);
    assert.deepStrictEqual(agentsFilesAbove('file.ts'), []);
  });

  it('keeps only attached paths inside their folder, and gives each folder its own in a multi-root window', () => {
    assert.deepStrictEqual(
      ['src/a.ts', '../x.ts', 'src/../../x.ts', '/etc/x', 'C:/x', 'a\\b', '', './a', 'a//b'].map(isInsideFolder),
      [true, false, false, false, false, false, false, false, false],
    );
    assert.deepStrictEqual(attachedPathsByFolder(['app'], ['src/a.ts', '../b.ts', 'app/c.ts']), [['src/a.ts', 'app/c.ts']]);
    assert.deepStrictEqual(attachedPathsByFolder(['app', 'app-web', 'lib'], ['app/src/a.ts', 'app-web/b.ts', 'lib/../app/c.ts', 'loose.ts']), [
      ['src/a.ts', 'loose.ts'],
      ['b.ts', 'loose.ts'],
      ['loose.ts'],
    ]);
  });

  it('cuts a long file at the last line end within 64 KiB, or at a whole character when one line is longer', () => {
    const line = `${'x'.repeat(99)}\n`;
    const long = line.repeat(1000);
    const cut = capText(long, instructionCapBytes);
    assert.equal(cut.truncated, true);
    assert.equal(cut.text, line.repeat(Math.floor(instructionCapBytes / line.length)).slice(0, -1));
    assert.deepStrictEqual(capText(line.repeat(10), line.length * 10), { text: line.repeat(10), truncated: false });
    // One line of 3-byte characters: the cut may not split one.
    const euros = '€'.repeat(30);
    assert.deepStrictEqual(capText(euros, 10), { text: '€€€', truncated: true });
    assert.ok(utf8.encode(capText(euros, 10).text).length <= 10);
  });

  it('reads strict UTF-8 only, without its byte-order mark, with \\n line ends and the front matter removed', () => {
    const bytes = utf8.encode('\uFEFF---\r\napplyTo: "**/*.ts"\r\n---\r\n\r\nLine one\r\nLine two\r\n\r\n');
    assert.deepStrictEqual(readInstruction(bytes, instructionCapBytes), { applyTo: '**/*.ts', text: 'Line one\nLine two', truncated: false });
    assert.deepStrictEqual(readInstruction(new Uint8Array([0x48, 0x69, 0xff, 0xfe]), instructionCapBytes), { problem: 'it is not UTF-8 text' });
  });

  it('builds the system prompt: the setting first, then each file under its path, the same bytes every time', () => {
    const files: InstructionFile[] = [
      { path: 'AGENTS.md', text: 'Run npm test.', truncated: false },
      { path: 'app/.github/copilot-instructions.md', text: 'Be brief.\n', truncated: true },
      { path: 'CLAUDE.md', text: '  \n', truncated: false },
    ];
    const expected =
      'Answer in British English.\n\n' +
      'Instructions from AGENTS.md:\n\nRun npm test.\n\n' +
      'Instructions from app/.github/copilot-instructions.md (only its beginning; the file is longer):\n\nBe brief.';
    assert.equal(systemPrompt('  Answer in British English.\r\n', files), expected);
    assert.equal(systemPrompt('  Answer in British English.\r\n', structuredClone(files)), expected, 'equal input, equal bytes');
    assert.equal(systemPrompt(undefined, files.slice(0, 1)), 'Instructions from AGENTS.md:\n\nRun npm test.');
    assert.equal(systemPrompt('Be terse.', []), 'Be terse.');
    assert.equal(systemPrompt(' \n ', []), undefined);
    assert.equal(systemPrompt(undefined, [files[2]!]), undefined);
  });
});
