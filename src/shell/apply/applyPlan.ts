/**
 * What "Apply" on an answer's code block proposes, without VS Code: the target file
 * (applyTarget), what the block is (blockKind), and the file's new text — a patch applied hunk by
 * hunk, a whole file as written, a fragment placed where it belongs (fragmentPlacement), a block
 * that left code out with its markers filled from the file (elidedCode). The
 * result is one proposed change per file, for the diff review, or why nothing can be proposed, or
 * the question which file to use. Nothing is written here. What it says to the user — the `how`
 * of a change, a problem's message — is in the user's language through `localize` (applyWords).
 */

import type { Localize } from '../chat/localize';
import { checkWorkspacePath } from '../tools/workspace/workspacePaths';
import { applyTarget } from './applyTarget';
import {
  elidedNewFileMessage,
  elidedWords,
  elisionRefusalMessage,
  hunkMessage,
  newFileWords,
  noHunksMessage,
  patchCreatesExistingMessage,
  patchDeletesMessage,
  patchWords,
  placementWords,
  refusedCodePathMessage,
  refusedPatchPathMessage,
  thenWords,
  unnamedPatchMessage,
  wholeFileWords,
} from './applyWords';
import { blockKind } from './blockKind';
import { expandElisions } from './elidedCode';
import { placeFragment, withPlacement, type FragmentPlacementInput } from './fragmentPlacement';
import { applyFilePatch, HunkDoesNotApplyError } from './patchApply';
import { NoHunksError, parseUnifiedDiff, type FilePatch } from './unifiedDiff';

/** The files the plan reads: their current text (the editor's, unsaved changes included), undefined when missing. */
export interface ApplyFiles {
  read(path: string): Promise<string | undefined>;
}

/** One file's proposed change (`original` is '' for a file that does not exist yet). */
export interface PlannedChange {
  path: string;
  original: string;
  proposed: string;
  createsFile: boolean;
  /** How the change was made, in words for the review's title. */
  how: string;
}

export type ApplyPlan =
  | { kind: 'changes'; changes: PlannedChange[] }
  /** Nothing named the file: ask, offering these first; then `planForFile`. */
  | { kind: 'chooseFile'; candidates: readonly string[]; code: string }
  | { kind: 'problem'; message: string };

export interface ApplyRequest {
  /** The fence's info string as written (`ts src/app.ts`). */
  info: string;
  code: string;
  attachedFiles: readonly string[];
  activeEditorPath: string | undefined;
  /** Where a fragment may go in the active editor's file: the question's selection, the cursor. */
  placement?: Pick<FragmentPlacementInput, 'selection' | 'cursor'>;
}

function fenceLanguage(info: string): string {
  return (/^[^\s:]*/.exec(info.trim())?.[0] ?? '').toLowerCase();
}

/** The plan for a block: its file found from the block itself, the question and the editor. */
export async function planApply(request: ApplyRequest, files: ApplyFiles, localize: Localize): Promise<ApplyPlan> {
  const target = applyTarget({ info: request.info, code: request.code, attachedFiles: request.attachedFiles, activeEditorPath: request.activeEditorPath });
  switch (target.rule) {
    case 'patch':
      return planPatch(target.code, request, files, localize);
    case 'refused':
      return { kind: 'problem', message: refusedCodePathMessage(target.named, target.reason, localize) };
    case 'none':
      return { kind: 'chooseFile', candidates: target.candidates, code: target.code };
    default: {
      const placement = target.path === request.activeEditorPath ? request.placement : undefined;
      return planForFile(target.path, target.code, fenceLanguage(request.info), files, localize, placement);
    }
  }
}

/** The plan once the file is known (named by the block, or chosen by the user). */
export async function planForFile(path: string, code: string, language: string, files: ApplyFiles, localize: Localize, placement?: ApplyRequest['placement']): Promise<ApplyPlan> {
  const original = await files.read(path);
  const kind = blockKind({ fenceLanguage: language, code, fileText: original });
  if (kind.kind === 'patch') {
    return planPatch(code, { activeEditorPath: path }, files, localize);
  }
  if (kind.reason === 'elided') {
    return planElided(path, code, original, placement, localize);
  }
  if (kind.kind === 'wholeFile' || original === undefined) {
    const how = original === undefined ? newFileWords(localize) : wholeFileWords(localize);
    return { kind: 'changes', changes: [{ path, original: original ?? '', proposed: asFileText(code, original), createsFile: original === undefined, how }] };
  }
  const placed = placeFragment({ fileText: original, fragment: code, ...placement });
  return { kind: 'changes', changes: [{ path, original, proposed: withPlacement(original, placed), createsFile: false, how: placementWords(placed.reason, lineAt(original, placed.start), localize) }] };
}

/**
 * A block that left code out, with each marker replaced by the file's lines it stands for: found
 * within the question's selection when it is still there, else anywhere in the file. A block the
 * file cannot fill is refused — a marker is never written into the file.
 */
function planElided(path: string, code: string, original: string | undefined, placement: ApplyRequest['placement'], localize: Localize): ApplyPlan {
  if (original === undefined) {
    return { kind: 'problem', message: elidedNewFileMessage(path, localize) };
  }
  const selection = placement?.selection;
  const eol = /\r\n/.test(original) ? '\r\n' : '\n';
  const selected = selection !== undefined && selection.text !== '' && original.slice(selection.start, selection.end) === selection.text.replace(/\r?\n/g, eol);
  const inSelection = selected ? expandElisions({ fileText: original, code, region: selection }) : undefined;
  const expansion = inSelection?.ok === true ? inSelection : expandElisions({ fileText: original, code });
  if (!expansion.ok) {
    return { kind: 'problem', message: elisionRefusalMessage(path, expansion, localize) };
  }
  const placed = { start: expansion.start, end: expansion.end, text: expansion.text, reason: 'context' as const };
  const covers = placed.start === 0 && original.slice(placed.end).trim() === '' ? { wholeFile: true as const } : { wholeFile: false as const, line: lineAt(original, placed.start) };
  return { kind: 'changes', changes: [{ path, original, proposed: withPlacement(original, placed), createsFile: false, how: elidedWords(covers, expansion.filledMarkers, localize) }] };
}

/**
 * A whole file as the file writes its lines: the file's line endings, and a final newline where the
 * file had one (a new file gets one) — a fence's text never ends with its last line's newline.
 */
function asFileText(code: string, original: string | undefined): string {
  const eol = original !== undefined && /\r\n/.test(original) ? '\r\n' : '\n';
  const text = code.replace(/\r?\n/g, eol);
  const wantsFinalNewline = original === undefined || original.endsWith('\n');
  return wantsFinalNewline && text.length > 0 && !text.endsWith(eol) ? text + eol : text;
}

/** The 1-based line holding `offset`. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/** A file a patch names, checked; a header-less patch goes to the file the question was about. */
function patchPath(file: FilePatch, fallback: string | undefined, localize: Localize): { path: string } | { problem: string } {
  const named = file.newPath ?? file.oldPath;
  if (named === undefined) {
    return fallback === undefined ? { problem: unnamedPatchMessage(localize) } : { path: fallback };
  }
  const checked = checkWorkspacePath(named);
  return checked.ok ? { path: checked.path } : { problem: refusedPatchPathMessage(named, checked.reason, localize) };
}

async function planPatch(code: string, request: Pick<ApplyRequest, 'activeEditorPath'>, files: ApplyFiles, localize: Localize): Promise<ApplyPlan> {
  let patches: FilePatch[];
  try {
    patches = parseUnifiedDiff(code);
  } catch (error) {
    if (error instanceof NoHunksError) {
      return { kind: 'problem', message: noHunksMessage(localize) };
    }
    throw error;
  }
  const changes: PlannedChange[] = [];
  for (const file of patches) {
    const target = patchPath(file, request.activeEditorPath, localize);
    if ('problem' in target) {
      return { kind: 'problem', message: target.problem };
    }
    if (file.deletesFile) {
      return { kind: 'problem', message: patchDeletesMessage(target.path, localize) };
    }
    const original = await files.read(target.path);
    if (file.createsFile && original !== undefined && original.length > 0) {
      return { kind: 'problem', message: patchCreatesExistingMessage(target.path, localize) };
    }
    try {
      const patched = applyFilePatch(original, file);
      const loose = patched.hunks.filter((hunk) => hunk.fuzz > 0 || hunk.ignoredTrailingWhitespace).length;
      changes.push({ path: target.path, original: original ?? '', proposed: patched.text, createsFile: original === undefined, how: patchWords(original === undefined, loose, localize) });
    } catch (error) {
      if (error instanceof HunkDoesNotApplyError) {
        return { kind: 'problem', message: hunkMessage(target.path, error, localize) };
      }
      throw error;
    }
  }
  return { kind: 'changes', changes };
}

/** What "Apply All" proposes: the blocks that name their files, later blocks over earlier ones per file. */
export interface ApplyAllPlan {
  changes: PlannedChange[];
  /** Why a block naming a file could not be applied, one line each. */
  problems: string[];
  /** Blocks left out because they name no file (Apply on one of them asks which). */
  unnamed: number;
}

/**
 * Every block of an answer that names its file (by its fence, its first line, or as a patch),
 * applied in order: a second block for the same file applies to the first one's result, and the
 * file gets one proposal, from its current text to the last result.
 */
export async function planApplyAll(blocks: readonly { info: string; code: string }[], files: ApplyFiles, localize: Localize): Promise<ApplyAllPlan> {
  const proposed = new Map<string, PlannedChange>();
  // Reads see the earlier blocks' results, so blocks for one file compose.
  const overlay: ApplyFiles = { read: async (path) => proposed.get(path)?.proposed ?? files.read(path) };
  const problems: string[] = [];
  let unnamed = 0;
  for (const block of blocks) {
    const target = applyTarget({ info: block.info, code: block.code, attachedFiles: [], activeEditorPath: undefined });
    if (target.rule === 'none') {
      unnamed++;
      continue;
    }
    if (target.rule === 'refused') {
      problems.push(refusedCodePathMessage(target.named, target.reason, localize));
      continue;
    }
    const plan = target.rule === 'patch' ? await planPatch(target.code, { activeEditorPath: undefined }, overlay, localize) : await planForFile(target.path, target.code, fenceLanguage(block.info), overlay, localize);
    if (plan.kind === 'problem') {
      problems.push(plan.message);
      continue;
    }
    if (plan.kind === 'chooseFile') {
      unnamed++;
      continue;
    }
    for (const change of plan.changes) {
      const earlier = proposed.get(change.path);
      proposed.set(change.path, earlier === undefined ? change : { ...change, original: earlier.original, createsFile: earlier.createsFile, how: thenWords(earlier.how, change.how, localize) });
    }
  }
  return { changes: [...proposed.values()], problems, unnamed };
}
