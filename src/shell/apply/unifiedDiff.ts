/**
 * Reads what a model writes as a patch (a ```diff block) into files and hunks. It accepts the
 * strict form `git diff` and `diff -u` produce, and the loose forms models write: hunks with no
 * file headers, `@@ @@` with no line numbers, counts that disagree with the lines given (the
 * lines are trusted, the counts are not), blank context lines whose leading space was trimmed,
 * and CRLF text. Applying the hunks to a file is `patchApply.ts`'s job.
 */

export type HunkLineKind = 'context' | 'remove' | 'add';

export interface HunkLine {
  readonly kind: HunkLineKind;
  /** The line without its marker and without a line ending. */
  readonly text: string;
}

export interface Hunk {
  /** The `@@ … @@` part of the header as written, without the section text after it. */
  readonly header: string;
  /** 1-based first line of the old side; absent when the header has no numbers (`@@ @@`). */
  readonly oldStart?: number;
  readonly newStart?: number;
  readonly lines: readonly HunkLine[];
  /** `\ No newline at end of file` followed the hunk's last old-side (context or removed) line. */
  readonly oldEndsWithoutNewline: boolean;
  /** `\ No newline at end of file` followed the hunk's last new-side (context or added) line. */
  readonly newEndsWithoutNewline: boolean;
}

export interface FilePatch {
  /** The path from `--- a/x` (prefix stripped), else from `diff --git`; absent when the hunks came with no header. */
  readonly oldPath?: string;
  readonly newPath?: string;
  /** The old side is `/dev/null`: the patch creates the file. */
  readonly createsFile: boolean;
  /** The new side is `/dev/null`: the patch deletes the file. */
  readonly deletesFile: boolean;
  readonly hunks: readonly Hunk[];
}

/** The text holds no `@@` hunk, so there is nothing to apply. */
export class NoHunksError extends Error {
  constructor() {
    super('The patch holds no hunk: there is no "@@ … @@" line followed by lines starting with " ", "-" or "+".');
    this.name = 'NoHunksError';
  }
}

const hunkHeaderPattern = /^@@ *(?:-(\d+)(?:,(\d+))? +\+(\d+)(?:,(\d+))? *)?@@(.*)$/;
const gitHeaderPattern = /^diff --git (\S+) (\S+)/;
const noNewlineMarker = '\\';

interface FileDraft {
  oldPath?: string;
  newPath?: string;
  createsFile: boolean;
  deletesFile: boolean;
  hunks: Hunk[];
}

/** Parses a unified diff into its files; throws `NoHunksError` when no hunk is found. */
export function parseUnifiedDiff(text: string): FilePatch[] {
  const lines = text.split(/\r?\n/);
  const files: FileDraft[] = [];
  let current: FileDraft | undefined;
  const fileForHunk = (): FileDraft => {
    if (current === undefined) {
      current = { createsFile: false, deletesFile: false, hunks: [] };
      files.push(current);
    }
    return current;
  };
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? '';
    const git = gitHeaderPattern.exec(line);
    if (git !== null) {
      current = { oldPath: withoutPrefix(git[1] ?? ''), newPath: withoutPrefix(git[2] ?? ''), createsFile: false, deletesFile: false, hunks: [] };
      files.push(current);
      index += 1;
      continue;
    }
    if (line.startsWith('--- ') && lines[index + 1]?.startsWith('+++ ')) {
      const oldPath = headerPath(line);
      const newPath = headerPath(lines[index + 1] ?? '');
      // A `diff --git` header with no hunk yet owns these lines; otherwise they start a new file.
      if (current === undefined || current.hunks.length > 0 || current.oldPath === undefined) {
        current = { createsFile: false, deletesFile: false, hunks: [] };
        files.push(current);
      }
      current.createsFile = oldPath === undefined;
      current.deletesFile = newPath === undefined;
      current.oldPath = oldPath ?? newPath ?? current.oldPath;
      current.newPath = newPath ?? oldPath ?? current.newPath;
      index += 2;
      continue;
    }
    const header = hunkHeaderPattern.exec(line);
    if (header !== null) {
      const read = readHunk(lines, index, header);
      fileForHunk().hunks.push(read.hunk);
      index = read.next;
      continue;
    }
    index += 1;
  }
  const withHunks = files.filter((file) => file.hunks.length > 0);
  if (withHunks.length === 0) {
    throw new NoHunksError();
  }
  return withHunks;
}

/** `a/src/x.ts` → `src/x.ts`; `/dev/null` → undefined; a tab-separated timestamp is dropped. */
function headerPath(line: string): string | undefined {
  const raw = (line.slice(4).split('\t')[0] ?? '').trim();
  return raw === '/dev/null' ? undefined : withoutPrefix(raw);
}

function withoutPrefix(path: string): string {
  return /^[ab]\//.test(path) ? path.slice(2) : path;
}

function readHunk(lines: readonly string[], start: number, header: RegExpExecArray): { hunk: Hunk; next: number } {
  const oldCount = header[1] === undefined ? undefined : Number(header[2] ?? '1');
  const body: HunkLine[] = [];
  const trimmedBlanks = new Set<number>();
  let oldEndsWithoutNewline = false;
  let newEndsWithoutNewline = false;
  let index = start + 1;
  for (; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const marker = line.charAt(0);
    if (marker === noNewlineMarker) {
      const last = body.at(-1);
      oldEndsWithoutNewline ||= last !== undefined && last.kind !== 'add';
      newEndsWithoutNewline ||= last !== undefined && last.kind !== 'remove';
      continue;
    }
    if (startsAnotherPart(lines, index)) {
      break;
    }
    if (line === '') {
      // A blank context line whose leading space was trimmed (editors and models do this).
      trimmedBlanks.add(body.length);
      body.push({ kind: 'context', text: '' });
    } else if (marker === ' ' || marker === '-' || marker === '+') {
      body.push({ kind: marker === ' ' ? 'context' : marker === '-' ? 'remove' : 'add', text: line.slice(1) });
    } else {
      break;
    }
  }
  dropTrailingBlankLines(body, trimmedBlanks, oldCount);
  const numbered = header[1] !== undefined;
  const headerText = header[0].slice(0, header[0].length - (header[5] ?? '').length).trim();
  const hunk: Hunk = numbered
    ? { header: headerText, oldStart: Number(header[1]), newStart: Number(header[3]), lines: body, oldEndsWithoutNewline, newEndsWithoutNewline }
    : { header: headerText, lines: body, oldEndsWithoutNewline, newEndsWithoutNewline };
  return { hunk, next: index };
}

function startsAnotherPart(lines: readonly string[], index: number): boolean {
  const line = lines[index] ?? '';
  return hunkHeaderPattern.test(line) || gitHeaderPattern.test(line) || (line.startsWith('--- ') && (lines[index + 1]?.startsWith('+++ ') ?? false));
}

/**
 * Empty lines (no leading space) after a hunk are usually the gap before the next file or the end
 * of the block, not blank context lines; they are kept only as far as the header's old count asks.
 */
function dropTrailingBlankLines(body: HunkLine[], trimmedBlanks: ReadonlySet<number>, oldCount: number | undefined): void {
  let oldLines = body.filter((line) => line.kind !== 'add').length;
  while (body.length > 0) {
    if (!trimmedBlanks.has(body.length - 1) || (oldCount !== undefined && oldLines <= oldCount)) {
      return;
    }
    body.pop();
    oldLines -= 1;
  }
}
