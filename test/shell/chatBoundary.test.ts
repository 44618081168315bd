/**
 * The chat's host logic (controller, store, batcher, errors, export, guards) runs without VS
 * Code: none of its modules, followed through every relative import, imports `vscode`. These
 * tests run it in plain Node, where such an import would fail too; this says which file did it.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';

const entries = [
  'src/protocol/guards.ts',
  'src/shell/chat/controller.ts',
  'src/shell/chat/conversationStore.ts',
  'src/shell/chat/streamBatcher.ts',
  'src/shell/chat/userErrors.ts',
  'src/shell/chat/exportMarkdown.ts',
];

/** Relative imports of a module, resolved to files; the core is left out (its own boundary test covers it). */
function localImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((match) => match[1] as string);
  return specifiers
    .map((specifier) => normalize(join(dirname(file), specifier)))
    .filter((path) => !path.startsWith(normalize('src/core')))
    .map((path) => [`${path}.ts`, join(path, 'index.ts')].find((candidate) => existsSync(candidate)) ?? `${path} (unresolved)`);
}

describe('chat logic boundaries', () => {
  it('no module of the chat logic imports vscode', () => {
    const seen = new Set<string>();
    const pending = [...entries];
    const offenders: string[] = [];
    while (pending.length > 0) {
      const file = pending.pop() as string;
      if (seen.has(file)) {
        continue;
      }
      seen.add(file);
      if (/from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)|import\(\s*['"]vscode['"]\s*\)/.test(readFileSync(file, 'utf8'))) {
        offenders.push(file);
      }
      pending.push(...localImports(file));
    }
    assert.deepStrictEqual(offenders, []);
    assert.ok(seen.has(normalize('src/shell/chat/ports.ts')) && seen.has(normalize('src/shell/chat/answerStream.ts')), 'the walk followed the imports');
  });
});
