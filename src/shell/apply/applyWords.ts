/**
 * What the Apply plan says to the user, in the user's language: how each proposed change was made
 * (the review's title, "src/app.ts ↔ proposed (patch)", and the chat's review bar) and why a block
 * cannot be applied. Each case is one whole phrase or sentence with placeholders, so a translator
 * never has to build a sentence from English pieces; `localize` is `vscode.l10n.t` in the
 * extension (src/shell/chat/localize.ts).
 */

import type { Localize } from '../chat/localize';
import type { CheckedPath } from '../tools/workspace/workspacePaths';
import type { RefusedPathReason } from './applyTarget';
import type { ElisionRefusal } from './elidedCode';
import type { PlacementReason } from './fragmentPlacement';
import type { HunkDoesNotApplyError } from './patchApply';

/** A line of the block as quoted in a refusal: trimmed, and cut at 80 characters. */
function shortLine(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > 80 ? `${trimmed.slice(0, 79)}…` : trimmed;
}

export function newFileWords(localize: Localize): string {
  return localize('new file');
}

export function wholeFileWords(localize: Localize): string {
  return localize('whole file');
}

/** Where a fragment went; `line` is the 1-based line it starts at. */
export function placementWords(reason: PlacementReason, line: number, localize: Localize): string {
  switch (reason) {
    case 'selection':
    case 'selectionMoved':
      return localize('replaces the selection');
    case 'context':
    case 'contextNearestCursor':
      return localize('replaces lines from {0}', line);
    case 'cursor':
      return localize('inserted at line {0}', line);
    case 'endOfFile':
      return localize('added at the end');
  }
}

/** A block that left code out, filled from the file: the whole file, or from `line` on; how many left-out parts were kept. */
export function elidedWords(covers: { wholeFile: true } | { wholeFile: false; line: number }, filledMarkers: number, localize: Localize): string {
  if (covers.wholeFile) {
    return filledMarkers === 1 ? localize('whole file, 1 left-out part kept') : localize('whole file, {0} left-out parts kept', filledMarkers);
  }
  return filledMarkers === 1 ? localize('replaces lines from {0}, 1 left-out part kept', covers.line) : localize('replaces lines from {0}, {1} left-out parts kept', covers.line, filledMarkers);
}

/** A patch: a new file, applied exactly, or with `looseHunks` hunks placed by fuzz or despite trailing whitespace. */
export function patchWords(createsFile: boolean, looseHunks: number, localize: Localize): string {
  if (createsFile) {
    return localize('new file from the patch');
  }
  if (looseHunks === 0) {
    return localize('patch');
  }
  return looseHunks === 1 ? localize('patch (1 hunk applied with fuzz)') : localize('patch ({0} hunks applied with fuzz)', looseHunks);
}

/** Apply All: a second block for a file applied over the first one's result. */
export function thenWords(earlier: string, later: string, localize: Localize): string {
  return localize('{0}, then {1}', earlier, later);
}

/** A path the block's fence or first line names that is no file of the workspace. */
export function refusedCodePathMessage(named: string, reason: RefusedPathReason, localize: Localize): string {
  switch (reason) {
    case 'controlCharacters':
      return localize('The code names {0}, which contains control characters.', named);
    case 'workspaceFolder':
      return localize('The code names {0}, which is the workspace folder, not a file.', named);
    case 'absolute':
      return localize('The code names {0}, which must be relative to the workspace (such as "src/main.ts"), not absolute.', named);
    case 'climbsOut':
      return localize('The code names {0}, which must not contain ".." (only files inside the workspace folders can be changed).', named);
  }
}

/** A path a patch's header names that is no file of the workspace. */
export function refusedPatchPathMessage(named: string, reason: Extract<CheckedPath, { ok: false }>['reason'], localize: Localize): string {
  switch (reason) {
    case 'absolute':
      return localize('The patch names {0}, which must be relative to the workspace (such as "src/main.ts"), not absolute.', named);
    case 'climbsOut':
      return localize('The patch names {0}, which must not contain ".." (only files inside the workspace folders can be changed).', named);
  }
}

/** A block that left code out which the file cannot fill; `marker` and `line` as `expandElisions` found them. */
export function elisionRefusalMessage(path: string, refusal: { reason: ElisionRefusal; line: string; marker: string }, localize: Localize): string {
  const marker = shortLine(refusal.marker);
  switch (refusal.reason) {
    case 'notFound':
      return localize("The code for {0} leaves parts out ('{1}'), and its lines from '{2}' were not found in the file, so Switchboard cannot tell what the left-out parts are.", path, marker, shortLine(refusal.line));
    case 'outOfOrder':
      return localize(
        "The code for {0} leaves parts out ('{1}'), and its lines from '{2}' are in the file only before the code shown above them, so Switchboard cannot tell what the left-out parts are.",
        path,
        marker,
        shortLine(refusal.line),
      );
    case 'nothingShown':
      return localize("The code for {0} is only '{1}': it shows no code to apply.", path, marker);
  }
}

export function elidedNewFileMessage(path: string, localize: Localize): string {
  return localize('The code for {0} leaves parts out, but the file does not exist yet: there is nothing to fill them from.', path);
}

export function unnamedPatchMessage(localize: Localize): string {
  return localize('The patch names no file, and no file is open or attached to apply it to.');
}

export function noHunksMessage(localize: Localize): string {
  return localize('The diff holds no hunk (@@ … @@) to apply.');
}

export function patchDeletesMessage(path: string, localize: Localize): string {
  return localize('The patch deletes {0}; Switchboard does not delete files — delete it yourself if you agree.', path);
}

export function patchCreatesExistingMessage(path: string, localize: Localize): string {
  return localize('The patch creates {0}, which exists already.', path);
}

/** A hunk whose old lines are not in the file; `…` when more of its lines follow the one quoted. */
export function hunkMessage(path: string, error: HunkDoesNotApplyError, localize: Localize): string {
  const line = shortLine(error.unmatchedLine);
  return error.moreLinesFollow
    ? localize("Hunk {0} of {1} ({2}) of the patch for {3} does not apply: its lines '{4}' … were not found.", error.hunkIndex, error.hunkCount, error.header, path, line)
    : localize("Hunk {0} of {1} ({2}) of the patch for {3} does not apply: its lines '{4}' were not found.", error.hunkIndex, error.hunkCount, error.header, path, line);
}
