/**
 * What an answer's code block is, for Apply: a patch, a whole file that replaces the target, or a
 * fragment that goes somewhere in it (`fragmentPlacement.ts`).
 *
 * The whole-file rule errs towards `fragment`, because replacing a file with a part of it deletes
 * the rest, while a whole file taken for a fragment still lands right: its first and last lines
 * match the file's, so the fragment placement replaces the whole text anyway. A block is a whole
 * file when
 * - the target does not exist yet or is blank (nothing to lose);
 * - its first and last non-blank lines are the file's, and it has at least half the file's
 *   non-blank lines (a rewrite that kept both ends; half, so that a block that merely starts with
 *   the file's imports and ends with some `}` is not taken for the file);
 * - it starts with the file's first non-blank line and has at least 80% of the file's non-blank
 *   lines (a rewrite that changed the end: a fragment that large would be unusual).
 * A block with an elision line (`// ... existing code ...`, `# ...`; `elisionMarkers.ts`) is never
 * a whole file as written: the model left parts out, and the plan fills them in from the file
 * (`elidedCode.ts`) before anything is proposed.
 */

import { hasElision } from './elisionMarkers';
import { nonBlankLines } from './textLines';

export type BlockKind =
  | { kind: 'patch'; reason: 'fenceLanguage' | 'diffHeaders' | 'hunkHeader' }
  | { kind: 'wholeFile'; reason: 'newFile' | 'blankFile' | 'sameEnds' | 'mostOfFile' }
  | { kind: 'fragment'; reason: 'elided' | 'partOfFile' };

export interface BlockKindInput {
  /** The fence's language (the info string's first word), lower or upper case. */
  fenceLanguage: string | undefined;
  /** The block, without a first line that named the file (`applyTarget`). */
  code: string;
  /** The target's current text (the editor's, when it has unsaved changes); undefined when it does not exist. */
  fileText: string | undefined;
}

const patchLanguages: ReadonlySet<string> = new Set(['diff', 'patch', 'udiff']);

export function blockKind(input: BlockKindInput): BlockKind {
  if (patchLanguages.has((input.fenceLanguage ?? '').toLowerCase())) {
    return { kind: 'patch', reason: 'fenceLanguage' };
  }
  const lines = input.code.split(/\r?\n/);
  if (lines.some((line, index) => line.startsWith('--- ') && (lines[index + 1] ?? '').startsWith('+++ '))) {
    return { kind: 'patch', reason: 'diffHeaders' };
  }
  if (lines.some((line) => /^@@ .*@@/.test(line))) {
    return { kind: 'patch', reason: 'hunkHeader' };
  }
  if (hasElision(input.code)) {
    return { kind: 'fragment', reason: 'elided' };
  }
  const block = nonBlankLines(input.code);
  if (input.fileText === undefined) {
    return { kind: 'wholeFile', reason: 'newFile' };
  }
  const file = nonBlankLines(input.fileText);
  if (file.length === 0) {
    return { kind: 'wholeFile', reason: 'blankFile' };
  }
  const sameFirst = block[0] === file[0];
  if (sameFirst && block[block.length - 1] === file[file.length - 1] && block.length * 2 >= file.length) {
    return { kind: 'wholeFile', reason: 'sameEnds' };
  }
  if (sameFirst && block.length * 5 >= file.length * 4) {
    return { kind: 'wholeFile', reason: 'mostOfFile' };
  }
  return { kind: 'fragment', reason: 'partOfFile' };
}
