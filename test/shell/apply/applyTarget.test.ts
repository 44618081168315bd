/**
 * Which file Apply writes to: a table of the info strings and first lines models write, each with
 * the rule that chose the file and the code that remains; the fallbacks (attached file, active
 * editor, quick pick); and the paths refused because they leave the workspace.
 */

import assert from 'node:assert/strict';
import { applyTarget, type ApplyTarget, type ApplyTargetInput, type RefusedPathReason } from '../../../src/shell/apply/applyTarget';

const body = 'export const a = 1;\n';

function target(info: string, code = body, extra: Partial<ApplyTargetInput> = {}): ApplyTarget {
  return applyTarget({ info, code, attachedFiles: [], activeEditorPath: 'src/open.ts', ...extra });
}

describe('apply: the target of a code block', () => {
  it('takes the path the fence names, in every form models write', () => {
    const table: [string, string][] = [
      ['ts src/app.ts', 'src/app.ts'],
      ['src/app.ts', 'src/app.ts'],
      ['app.ts', 'app.ts'],
      ['ts:src/app.ts', 'src/app.ts'],
      ['ts title="src/app.ts"', 'src/app.ts'],
      ["ts title='src/app.ts'", 'src/app.ts'],
      ['typescript path=src/app.ts', 'src/app.ts'],
      ['python filename=tools/run.py', 'tools/run.py'],
      ['ts ./src/app.ts', 'src/app.ts'],
      ['ts src\\win\\app.ts', 'src/win/app.ts'],
      ['ts `src/app.ts`', 'src/app.ts'],
      ['ts src/app.ts {1-3}', 'src/app.ts'],
    ];
    for (const [info, path] of table) {
      assert.deepStrictEqual(target(info), { rule: 'fence', path, code: body }, info);
    }
  });

  it('classifies a diff or patch fence, whatever else it names', () => {
    for (const info of ['diff', 'patch', 'DIFF', 'diff src/app.ts', 'diff:src/app.ts']) {
      assert.deepStrictEqual(target(info, '--- a/x\n+++ b/x\n'), { rule: 'patch', code: '--- a/x\n+++ b/x\n' }, info);
    }
  });

  it('takes a first line that names the file in the language\'s comment syntax, and drops that line', () => {
    const table: [string, string, string][] = [
      ['ts', '// file: src/app.ts', 'src/app.ts'],
      ['ts', '// File: src/app.ts', 'src/app.ts'],
      ['ts', '// filename: "src/app.ts"', 'src/app.ts'],
      ['python', '# file: app.py', 'app.py'],
      ['html', '<!-- file: index.html -->', 'index.html'],
      ['css', '/* file: x.css */', 'x.css'],
      ['css', '/** path: styles/x.css */', 'styles/x.css'],
      ['sql', '-- file: q.sql', 'q.sql'],
      ['ts', '// src/app.ts', 'src/app.ts'],
      ['ts', '  //   app.ts  ', 'app.ts'],
      ['yaml', '# .github/workflows/ci.yml', '.github/workflows/ci.yml'],
      ['', '// lib/a.b.c.js', 'lib/a.b.c.js'],
      ['markdown', '<!-- file: docs/x.md -->', 'docs/x.md'],
      ['markdown', '# file: docs/x.md', 'docs/x.md'],
    ];
    for (const [info, line, path] of table) {
      assert.deepStrictEqual(target(info, `${line}\n${body}`), { rule: 'firstLine', path, code: body }, line);
      assert.deepStrictEqual(target(info, `${line}\r\n${body}`), { rule: 'firstLine', path, code: body }, `${line} (CRLF)`);
    }
  });

  it('leaves ordinary first-line comments as code', () => {
    const comments = [
      '// console.log',
      '// i.e.',
      '// see src/app.ts for details',
      '// obj.method',
      '// v1.2',
      '// ../outside.ts',
      '// /etc/passwd.conf',
      '// https://example.com/a.ts',
      '#!/usr/bin/env python',
      '#include <stdio.h>',
      '/// <reference path="x.d.ts" />',
      '// TODO: fix app.ts',
      'const x = "src/app.ts";',
    ];
    for (const line of comments) {
      const code = `${line}\n${body}`;
      assert.deepStrictEqual(target('ts', code), { rule: 'activeEditor', path: 'src/open.ts', code }, line);
    }
    // In Markdown `# notes.md` is a heading.
    assert.deepStrictEqual(target('md', '# notes.md\ntext'), { rule: 'activeEditor', path: 'src/open.ts', code: '# notes.md\ntext' });
  });

  it('prefers the fence to the first line, and drops a first line naming the same file only', () => {
    assert.deepStrictEqual(target('ts src/app.ts', `// src/app.ts\n${body}`), { rule: 'fence', path: 'src/app.ts', code: body });
    assert.deepStrictEqual(target('ts src/app.ts', `// file: src/other.ts\n${body}`), { rule: 'fence', path: 'src/app.ts', code: `// file: src/other.ts\n${body}` });
  });

  it('falls back to the attached file, then the active editor, then a quick pick', () => {
    assert.deepStrictEqual(target('ts', body, { attachedFiles: ['src/asked.ts'] }), { rule: 'attached', path: 'src/asked.ts', code: body });
    assert.deepStrictEqual(target('ts', body), { rule: 'activeEditor', path: 'src/open.ts', code: body });
    assert.deepStrictEqual(target('ts', body, { attachedFiles: ['a.ts', 'src/open.ts'] }), { rule: 'attached', path: 'src/open.ts', code: body });
    assert.deepStrictEqual(target('ts', body, { attachedFiles: ['a.ts', 'b.ts'] }), { rule: 'none', candidates: ['a.ts', 'b.ts'], code: body });
    assert.deepStrictEqual(target('', body, { activeEditorPath: undefined }), { rule: 'none', candidates: [], code: body });
    // An attached or active path outside the workspace is not a target.
    assert.deepStrictEqual(target('ts', body, { attachedFiles: ['../x.ts'], activeEditorPath: '/abs/y.ts' }), { rule: 'none', candidates: [], code: body });
  });

  it('refuses a named path outside the workspace, with the reason, rather than applying elsewhere', () => {
    const refused: [string, string, RefusedPathReason][] = [
      ['ts ../secret.ts', body, 'climbsOut'],
      ['ts src/../../secret.ts', body, 'climbsOut'],
      ['ts /etc/app.ts', body, 'absolute'],
      ['ts C:\\app.ts', body, 'absolute'],
      ['ts:C:/app.ts', body, 'absolute'],
      ['ts ~/app.ts', body, 'absolute'],
      ['ts file:///etc/app.ts', body, 'absolute'],
      ['ts path=/etc/passwd', body, 'absolute'],
      ['ts', `// file: ../../etc/passwd\n${body}`, 'climbsOut'],
      ['ts', `// file: /etc/passwd\n${body}`, 'absolute'],
      ['ts', `// file: https://example.com/a.ts\n${body}`, 'absolute'],
      ['ts', `// file: .\n${body}`, 'workspaceFolder'],
      ['ts src/a\u0007.ts', body, 'controlCharacters'],
    ];
    for (const [info, code, reason] of refused) {
      const result = target(info, code, { attachedFiles: ['src/asked.ts'] });
      assert.equal(result.rule, 'refused', `${info} ${code}`);
      assert.equal(result.rule === 'refused' ? result.reason : '', reason, `${info} ${code}`);
      assert.equal(result.code, body, `${info} ${code}`);
    }
  });
});
