/**
 * Whether an instruction file's `applyTo` matches the attached files, by VS Code's rule
 * (`computeAutomaticInstructions.ts`): the globs are split at commas outside `{}` and `[]`; `**`,
 * `**` + `/*` and `*` apply always, even with nothing attached; a glob not starting with `/` or
 * `**` + `/` matches at any depth (`src/*.ts` is `**` + `/src/*.ts`); case is ignored.
 */

import picomatch from 'picomatch';

const alwaysPatterns = new Set(['**', '**/*', '*']);

/** Splits `globs` at commas that are not inside braces or brackets (`{a,b}` stays one glob). */
export function splitGlobs(globs: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inBrackets = false;
  let current = '';
  for (const character of globs) {
    if (character === '[' && !inBrackets) {
      inBrackets = true;
    } else if (character === ']' && inBrackets) {
      inBrackets = false;
    } else if (character === '{' && !inBrackets) {
      depth += 1;
    } else if (character === '}' && !inBrackets && depth > 0) {
      depth -= 1;
    } else if (character === ',' && depth === 0 && !inBrackets) {
      parts.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/** A glob as matched against a folder-relative path: `/x` is anchored at the folder, other globs match at any depth. */
function anchored(pattern: string): string {
  if (pattern.startsWith('/')) {
    return pattern.slice(1);
  }
  return pattern.startsWith('**/') ? pattern : `**/${pattern}`;
}

/**
 * True when `applyTo` applies given `attachedPaths` (relative to the folder the instruction file
 * is in, with `/`).
 */
export function appliesTo(applyTo: string, attachedPaths: readonly string[]): boolean {
  return splitGlobs(applyTo).some((pattern) => {
    if (alwaysPatterns.has(pattern)) {
      return true;
    }
    let isMatch: (path: string) => boolean;
    try {
      isMatch = picomatch(anchored(pattern), { nocase: true, dot: true });
    } catch {
      // picomatch refuses a few globs (over 64 KiB): one that cannot be read matches nothing.
      return false;
    }
    return attachedPaths.some((path) => isMatch(path));
  });
}
