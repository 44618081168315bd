/**
 * `#problems`: VS Code's diagnostics as lines a model reads like a compiler's output,
 * `path:line:col severity: message (source code)`, errors first, then by file and position, capped.
 */

export const problemSeverities = ['error', 'warning', 'information', 'hint'] as const;

export type ProblemSeverity = (typeof problemSeverities)[number];

/** One diagnostic as plain values. */
export interface Problem {
  /** Workspace-relative with `/` (prefixed with the folder's name in a multi-root window); absolute outside the workspace. */
  path: string;
  inWorkspace: boolean;
  /** 1-based, as the Problems panel shows them. */
  line: number;
  column: number;
  severity: ProblemSeverity;
  message: string;
  source?: string;
  code?: string;
}

/** At most this many lines; the rest are counted. */
export const problemsCap = 500;

/**
 * The problems a request asked for: those of the attached files when there are any, else the
 * workspace's. Hints are left out, as the Problems panel leaves them out (they are styling, such as
 * faded unused code).
 */
export function selectProblems(problems: readonly Problem[], attachedFiles: readonly string[]): Problem[] {
  const attached = new Set(attachedFiles);
  return problems.filter((problem) => problem.severity !== 'hint' && (attached.size > 0 ? attached.has(problem.path) : problem.inWorkspace));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byImportance(a: Problem, b: Problem): number {
  return (
    problemSeverities.indexOf(a.severity) - problemSeverities.indexOf(b.severity) ||
    compareText(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.message, b.message)
  );
}

function problemLine(problem: Problem): string {
  const origin = [problem.source, problem.code].filter((part): part is string => part !== undefined && part.length > 0).join(' ');
  // A multi-line message (TypeScript's elaborations) stays on its diagnostic's one line.
  const message = problem.message.trim().replace(/\s*\r?\n\s*/g, ' ');
  return `${problem.path}:${problem.line}:${problem.column} ${problem.severity}: ${message}${origin.length > 0 ? ` (${origin})` : ''}`;
}

/** One line per problem, most important first; past `cap`, one line saying how many more. */
export function problemsText(problems: readonly Problem[], cap = problemsCap): string {
  const ordered = [...problems].sort(byImportance);
  const lines = ordered.slice(0, cap).map(problemLine);
  if (ordered.length > cap) {
    lines.push(`… and ${ordered.length - cap} more`);
  }
  return lines.join('\n');
}
