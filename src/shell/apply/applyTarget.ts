/**
 * Which file an answer's code block is applied to, in the order people expect from chat tools:
 * the path the fence names, then a first line naming the file as a comment, then the file attached
 * to the question, then the active editor; with none, the caller shows a quick pick.
 *
 * The fence and the first line are model output, so a path they name is checked the way a tool's
 * path is (`checkWorkspacePath`): relative to the workspace, no `..`, no absolute path, drive, URI
 * or `~`. A path a model named explicitly and that is refused is reported, never replaced by the
 * active editor: a block meant for another file must not land silently in the one that is open.
 */

import { checkWorkspacePath } from '../tools/workspace/workspacePaths';
import { namingLine } from './namingLine';

export interface ApplyTargetInput {
  /** The fence's info string as written (` ```ts src/app.ts ` → `ts src/app.ts`). */
  info: string;
  code: string;
  /** Workspace-relative paths (with `/`) of the files attached to the question. */
  attachedFiles: readonly string[];
  /** The active editor's workspace-relative path; undefined when none, untitled or outside the workspace. */
  activeEditorPath: string | undefined;
}

/** Which rule chose the file; `code` is the block without a first line that named the file. */
/** Why a named path is no target: control characters, the workspace folder itself, absolute, or climbing out with `..`. */
export type RefusedPathReason = 'controlCharacters' | 'workspaceFolder' | 'absolute' | 'climbsOut';

export type ApplyTarget =
  | { rule: 'fence' | 'firstLine' | 'attached' | 'activeEditor'; path: string; code: string }
  /** A ```diff / ```patch block: the patch names its own files (`+++ b/src/app.ts`). */
  | { rule: 'patch'; code: string }
  /** The fence or the first line named a path outside the workspace; `reason` says why (the plan says it in words). */
  | { rule: 'refused'; named: string; reason: RefusedPathReason; code: string }
  /** Nothing named a file: the caller asks with a quick pick (the attached files first, if several). */
  | { rule: 'none'; candidates: readonly string[]; code: string };

const patchLanguages: ReadonlySet<string> = new Set(['diff', 'patch', 'udiff']);

/** `key=value` attributes models and doc tools put in an info string (`title="src/app.ts"`, `path=…`). */
const pathAttribute = /(?:^|\s)(?:title|path|file|filename|filepath|name)=(?:"([^"]*)"|'([^']*)'|(\S+))/i;

export function applyTarget(input: ApplyTargetInput): ApplyTarget {
  const info = input.info.trim();
  const language = (/^[^\s:]*/.exec(info)?.[0] ?? '').toLowerCase();
  if (patchLanguages.has(language)) {
    return { rule: 'patch', code: input.code };
  }
  const firstLine = namingLine(input.code, language);
  const fenceNamed = fencePath(info);
  if (fenceNamed !== undefined) {
    const checked = checkedTarget(fenceNamed);
    // A first line naming the same file is a label, not content; one naming another file is kept.
    const code = firstLine !== undefined && firstLine.named === checked.path ? firstLine.rest : input.code;
    return checked.reason === undefined ? { rule: 'fence', path: checked.path, code } : { rule: 'refused', named: fenceNamed, reason: checked.reason, code };
  }
  if (firstLine !== undefined) {
    const checked = checkedTarget(firstLine.named);
    return checked.reason === undefined
      ? { rule: 'firstLine', path: checked.path, code: firstLine.rest }
      : { rule: 'refused', named: firstLine.named, reason: checked.reason, code: firstLine.rest };
  }
  const attached = input.attachedFiles.filter((path) => checkedTarget(path).reason === undefined);
  if (attached.length === 1) {
    return { rule: 'attached', path: attached[0] as string, code: input.code };
  }
  const active = input.activeEditorPath;
  const activeOk = active !== undefined && checkedTarget(active).reason === undefined;
  // With several attached files the question was about all of them; the open one is a fair pick
  // only when it is one of them, otherwise the user chooses among them.
  if (activeOk && (attached.length === 0 || attached.includes(active))) {
    return { rule: attached.length === 0 ? 'activeEditor' : 'attached', path: active, code: input.code };
  }
  return { rule: 'none', candidates: attached, code: input.code };
}

/** The path an info string names, as written (unquoted), or undefined when it names none. */
function fencePath(info: string): string | undefined {
  const attribute = pathAttribute.exec(info);
  if (attribute !== null) {
    return attribute[1] ?? attribute[2] ?? attribute[3];
  }
  const tokens = info.split(/\s+/).filter((token) => token !== '');
  const first = tokens[0];
  if (first === undefined) {
    return undefined;
  }
  // `ts:src/app.ts`: a language, a colon, a path (a drive letter's colon is followed by `\` or `/`).
  const colon = /^([A-Za-z0-9_+#-]+):(?![\\/])(.+)$/.exec(first);
  if (colon !== null) {
    return unquoted(colon[2] as string);
  }
  if (namesFile(unquoted(first))) {
    return unquoted(first);
  }
  const second = tokens[1];
  return second !== undefined && namesFile(unquoted(second)) ? unquoted(second) : undefined;
}

function unquoted(token: string): string {
  return token.replace(/^["'`]+|["'`]+$/g, '');
}

/**
 * A token in the info string is a path, not a language, when it has a folder separator or a file
 * extension: languages have neither (`ts`, `c++`, `objective-c`), file names do (`app.ts`). Paths
 * that leave the workspace still count here, so that they are refused rather than ignored.
 */
function namesFile(token: string): boolean {
  return /[\\/]/.test(token) || /^[^\s]*\.[A-Za-z0-9_-]*[A-Za-z][A-Za-z0-9_-]*$/.test(token);
}

function checkedTarget(raw: string): { path: string; reason?: RefusedPathReason } {
  if ([...raw].some((character) => character.charCodeAt(0) < 0x20 || character === '\u007f')) {
    return { path: raw, reason: 'controlCharacters' };
  }
  const checked = checkWorkspacePath(raw);
  if (!checked.ok) {
    return { path: raw, reason: checked.reason };
  }
  if (checked.path === '') {
    return { path: raw, reason: 'workspaceFolder' };
  }
  return { path: checked.path };
}
