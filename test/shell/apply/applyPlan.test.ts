/**
 * What Apply proposes for a code block, end to end through the rules (target, kind, patch,
 * placement) over files in memory: the proposed text per file, how it was made, or why nothing
 * can be proposed — and never a file outside the workspace.
 */

import assert from 'node:assert/strict';
import { planApply, planApplyAll, planForFile, type ApplyFiles, type ApplyPlan } from '../../../src/shell/apply/applyPlan';
import { formatMessage, type Localize } from '../../../src/shell/chat/localize';

function files(contents: Record<string, string>): ApplyFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: (path) => {
      reads.push(path);
      return Promise.resolve(contents[path]);
    },
  };
}

const app = 'export function greet(name: string): string {\n  return `Hi ${name}`;\n}\n\nexport const answer = 42;\n';

function changes(plan: ApplyPlan): [string, string, string][] {
  assert.equal(plan.kind, 'changes', JSON.stringify(plan));
  return plan.kind === 'changes' ? plan.changes.map((change) => [change.path, change.how, change.proposed]) : [];
}

describe('the Apply plan', () => {
  it('a block naming a new file: the whole block, as a new file', async () => {
    const plan = await planApply({ info: 'ts src/util.ts', code: 'export const one = 1;\n', attachedFiles: [], activeEditorPath: undefined }, files({}), formatMessage);
    assert.deepStrictEqual(changes(plan), [['src/util.ts', 'new file', 'export const one = 1;\n']]);
    assert.equal(plan.kind === 'changes' && plan.changes[0]?.createsFile, true);
  });

  it('a whole file keeps the file\'s line endings and final newline (a fence\'s text has none); a new file gets one', async () => {
    const crlf = 'const a = 1;\r\nconst b = 2;\r\n';
    const plan = await planForFile('src/ab.ts', 'const a = 1;\nconst b = 3;', 'ts', files({ 'src/ab.ts': crlf }), formatMessage);
    assert.deepStrictEqual(changes(plan), [['src/ab.ts', 'whole file', 'const a = 1;\r\nconst b = 3;\r\n']]);
    const fresh = await planForFile('src/new.ts', 'export {};', 'ts', files({}), formatMessage);
    assert.deepStrictEqual(changes(fresh), [['src/new.ts', 'new file', 'export {};\n']]);
  });

  it('a fragment named by its first line replaces the function its first and last lines match', async () => {
    const code = '// file: src/app.ts\nexport function greet(name: string): string {\n  return `Hello, ${name}!`;\n}';
    const plan = await planApply({ info: 'ts', code, attachedFiles: [], activeEditorPath: undefined }, files({ 'src/app.ts': app }), formatMessage);
    assert.deepStrictEqual(changes(plan), [['src/app.ts', 'replaces lines from 1', app.replace('`Hi ${name}`', '`Hello, ${name}!`')]]);
  });

  it('a fragment for the active editor goes over the question\'s selection', async () => {
    const start = app.indexOf('42');
    const plan = await planApply(
      { info: 'ts', code: '43', attachedFiles: [], activeEditorPath: 'src/app.ts', placement: { selection: { start, end: start + 2, text: '42' } } },
      files({ 'src/app.ts': app }),
      formatMessage,
    );
    assert.deepStrictEqual(changes(plan), [['src/app.ts', 'replaces the selection', app.replace('42', '43')]]);
  });

  it('a block that left code out: its markers filled from the file, or refused by the segment the file lacks — never written', async () => {
    const service = 'import { db } from "./db";\n\nexport function load(id: string) {\n  return db.get(id);\n}\n\nexport function save(item: Item) {\n  db.put(item);\n  return item;\n}\n';
    const code = 'import { db } from "./db";\n\n// ... existing code ...\n\nexport function save(item: Item) {\n  validate(item);\n  db.put(item);\n  return item;\n}';
    const plan = await planApply({ info: 'ts src/service.ts', code, attachedFiles: [], activeEditorPath: undefined }, files({ 'src/service.ts': service }), formatMessage);
    assert.deepStrictEqual(changes(plan), [['src/service.ts', 'whole file, 1 left-out part kept', service.replace('  db.put', '  validate(item);\n  db.put')]]);
    const stale = await planApply({ info: 'ts src/service.ts', code: code.replace('export function save', 'export async function save'), attachedFiles: [], activeEditorPath: undefined }, files({ 'src/service.ts': service }), formatMessage);
    assert.deepStrictEqual(stale, {
      kind: 'problem',
      message: "The code for src/service.ts leaves parts out ('// ... existing code ...'), and its lines from 'export async function save(item: Item) {' were not found in the file, so Switchboard cannot tell what the left-out parts are.",
    });
    const fresh = await planApply({ info: 'ts src/new.ts', code, attachedFiles: [], activeEditorPath: undefined }, files({}), formatMessage);
    assert.deepStrictEqual(fresh, { kind: 'problem', message: 'The code for src/new.ts leaves parts out, but the file does not exist yet: there is nothing to fill them from.' });
  });

  it('an elided block for the active editor is filled within the question\'s selection when it holds the block\'s lines, else within the file', async () => {
    const twin = 'function one() {\n  const x = 1;\n  return x;\n}\n\nfunction two() {\n  const x = 2;\n  return x;\n}\n';
    const code = '  // ... existing code ...\n  return x;\n  // checked\n}';
    const start = twin.indexOf('function two');
    const request = (text: string): Parameters<typeof planApply>[0] => ({ info: 'js', code, attachedFiles: [], activeEditorPath: 'src/twin.js', placement: { selection: { start, end: start + text.length, text } } });
    const inTwo = await planApply(request(twin.slice(start)), files({ 'src/twin.js': twin }), formatMessage);
    assert.deepStrictEqual(changes(inTwo), [['src/twin.js', 'replaces lines from 6, 1 left-out part kept', twin.replace(/return x;\n}\n$/, 'return x;\n  // checked\n}\n')]]);
    const notThere = await planApply(request('function two() {\n'), files({ 'src/twin.js': twin }), formatMessage);
    assert.deepStrictEqual(changes(notThere), [['src/twin.js', 'replaces lines from 1, 1 left-out part kept', twin.replace('return x;\n}', 'return x;\n  // checked\n}')]]);
  });

  it('a diff over two files: one change per file; a hunk that does not apply names its file and hunk', async () => {
    const diff = [
      '--- a/src/app.ts',
      '+++ b/src/app.ts',
      '@@ -4,2 +4,2 @@',
      ' ',
      '-export const answer = 42;',
      '+export const answer = 43;',
      '--- a/README.md',
      '+++ b/README.md',
      '@@ -1 +1 @@',
      '-# Old',
      '+# New',
      '',
    ].join('\n');
    const both = files({ 'src/app.ts': app, 'README.md': '# Old\n' });
    const plan = await planApply({ info: 'diff', code: diff, attachedFiles: [], activeEditorPath: undefined }, both, formatMessage);
    assert.deepStrictEqual(changes(plan), [
      ['src/app.ts', 'patch', app.replace('42', '43')],
      ['README.md', 'patch', '# New\n'],
    ]);
    const failing = await planApply({ info: 'diff', code: diff, attachedFiles: [], activeEditorPath: undefined }, files({ 'src/app.ts': app, 'README.md': '# Other\n' }), formatMessage);
    assert.deepStrictEqual(failing, { kind: 'problem', message: "Hunk 1 of 1 (@@ -1 +1 @@) of the patch for README.md does not apply: its lines '# Old' were not found." });
  });

  it('a patch without file headers goes to the active editor', async () => {
    const plan = await planApply({ info: 'diff', code: '@@ @@\n-export const answer = 42;\n+export const answer = 7;\n', attachedFiles: [], activeEditorPath: 'src/app.ts' }, files({ 'src/app.ts': app }), formatMessage);
    assert.deepStrictEqual(changes(plan), [['src/app.ts', 'patch', app.replace('42', '7')]]);
  });

  it('refuses a file outside the workspace, a deletion and a creation over an existing file, reading nothing outside', async () => {
    const outside = files({});
    const refused = await planApply({ info: 'ts ../secrets/app.ts', code: 'x', attachedFiles: [], activeEditorPath: undefined }, outside, formatMessage);
    assert.equal(refused.kind, 'problem');
    assert.deepStrictEqual(outside.reads, []);
    const deletion = await planApply({ info: 'diff', code: '--- a/src/app.ts\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n', attachedFiles: [], activeEditorPath: undefined }, files({ 'src/app.ts': 'x\n' }), formatMessage);
    assert.match(deletion.kind === 'problem' ? deletion.message : '', /deletes src\/app\.ts; Switchboard does not delete files/);
    const creation = await planApply({ info: 'diff', code: '--- /dev/null\n+++ b/src/app.ts\n@@ -0,0 +1 @@\n+x\n', attachedFiles: [], activeEditorPath: undefined }, files({ 'src/app.ts': app }), formatMessage);
    assert.deepStrictEqual(creation, { kind: 'problem', message: 'The patch creates src/app.ts, which exists already.' });
  });

  it('nothing names a file: the user chooses (attached files offered first), then the plan is made for that file', async () => {
    const plan = await planApply({ info: 'ts', code: 'export const answer = 42;', attachedFiles: ['src/a.ts', 'src/b.ts'], activeEditorPath: undefined }, files({}), formatMessage);
    assert.deepStrictEqual(plan, { kind: 'chooseFile', candidates: ['src/a.ts', 'src/b.ts'], code: 'export const answer = 42;' });
    const greet = 'export function greet(name: string): string {\n  return `Hey ${name}`;\n}';
    const chosen = await planForFile('src/app.ts', greet, 'ts', files({ 'src/app.ts': app }), formatMessage);
    assert.deepStrictEqual(changes(chosen), [['src/app.ts', 'replaces lines from 1', app.replace('`Hi ${name}`', '`Hey ${name}`')]]);
    // A line that matches nothing in the file goes at its end (no cursor in a file the user chose).
    const appended = await planForFile('src/app.ts', 'export const other = 1;', 'ts', files({ 'src/app.ts': app }), formatMessage);
    assert.deepStrictEqual(changes(appended), [['src/app.ts', 'added at the end', `${app}export const other = 1;`]]);
  });

  it('Apply All: the blocks that name their files, one proposal per file, a later block over an earlier one; problems and unnamed blocks counted', async () => {
    const blocks = [
      { info: 'ts src/util.ts', code: 'export const one = 1;' },
      { info: 'diff', code: '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -5 +5 @@\n-export const answer = 42;\n+export const answer = 43;\n' },
      { info: 'diff', code: '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -5 +5 @@\n-export const answer = 43;\n+export const answer = 44;\n' },
      { info: 'ts', code: 'console.log(1);' },
      { info: 'ts ../outside.ts', code: 'x' },
      { info: 'diff', code: '--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-# Missing\n+# New\n' },
    ];
    const plan = await planApplyAll(blocks, files({ 'src/app.ts': app, 'README.md': '# Readme\n' }), formatMessage);
    assert.deepStrictEqual(
      plan.changes.map((change) => [change.path, change.how, change.original === app || change.original === '', change.proposed]),
      [
        ['src/util.ts', 'new file', true, 'export const one = 1;\n'],
        ['src/app.ts', 'patch, then patch', true, app.replace('42', '44')],
      ],
    );
    assert.equal(plan.unnamed, 1);
    assert.deepStrictEqual(plan.problems.length, 2);
    assert.match(plan.problems[0] ?? '', /names \.\.\/outside\.ts/);
    assert.match(plan.problems[1] ?? '', /^Hunk 1 of 1 \(@@ -1 \+1 @@\) of the patch for README\.md does not apply/);
  });

  it('says every how and every problem through localize, whole: nothing reaches the user in English pieces', async () => {
    // A translation that marks each text it gives: an English word outside the marks bypassed it.
    const marked: Localize = (message, ...args) => `⟦${formatMessage(message, ...args)}⟧`;
    const blocks = [
      { info: 'ts src/util.ts', code: 'export const one = 1;' },
      { info: 'ts src/app.ts', code: 'export const answer = 43;' },
      // Trailing spaces the file lacks: the hunk applies loosely.
      { info: 'diff', code: '--- a/src/app.ts\n+++ b/src/app.ts\n@@ -5 +5 @@\n-export const answer = 42;  \n+export const answer = 44;\n' },
      { info: 'ts ../outside.ts', code: 'x' },
      { info: 'ts src/service.ts', code: 'export function missing() {\n  // ... existing code ...\n}' },
      { info: 'diff', code: '--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-# Missing\n+# New\n' },
      { info: 'diff', code: '--- a/src/gone.ts\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n' },
    ];
    const plan = await planApplyAll(blocks, files({ 'src/app.ts': app, 'src/service.ts': 'export const s = 1;\n', 'README.md': '# Readme\n', 'src/gone.ts': 'x\n' }), marked);
    assert.deepStrictEqual(
      { hows: plan.changes.map((change) => [change.path, change.how]), problems: plan.problems },
      {
        hows: [
          ['src/util.ts', '⟦new file⟧'],
          ['src/app.ts', '⟦⟦added at the end⟧, then ⟦patch (1 hunk applied with fuzz)⟧⟧'],
        ],
        problems: [
          '⟦The code names ../outside.ts, which must not contain ".." (only files inside the workspace folders can be changed).⟧',
          "⟦The code for src/service.ts leaves parts out ('// ... existing code ...'), and its lines from 'export function missing() {' were not found in the file, so Switchboard cannot tell what the left-out parts are.⟧",
          "⟦Hunk 1 of 1 (@@ -1 +1 @@) of the patch for README.md does not apply: its lines '# Missing' were not found.⟧",
          '⟦The patch deletes src/gone.ts; Switchboard does not delete files — delete it yourself if you agree.⟧',
        ],
      },
    );
  });
});
