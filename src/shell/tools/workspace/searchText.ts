/**
 * `search_text`: lines of the workspace's text files that hold a string or match a regular
 * expression, as `path:line: text`, capped in matches, in characters a line shows, in the size of
 * a file searched and in the characters searched in all. VS Code's text search
 * (`findTextInFiles`) is a proposed API, so the listed files are read and searched here.
 *
 * A plain string is searched as an escaped regular expression, which runs in linear time. A
 * model's regular expression may backtrack catastrophically (`(a+)+$`): its matching runs under
 * the time guard (`timeGuard.ts`), which interrupts it once the search's time for patterns (3 s
 * in all) is spent, and the call answers that the expression is too slow. Capping line length
 * alone would not do: `(a|a)*b` is exponential on a line of 40 characters.
 */

import { pathGlob } from './pathGlob';
import { LinkCheck, listedFileText, workspaceListing } from './listedFiles';
import { searchLines, type LineMatch } from './searchLines';
import { TimeGuard } from './timeGuard';
import { objectSchema, ToolRefusal, type ToolArgs, type WorkspaceTool } from './workspaceTool';

/** Matching lines listed, at most. */
export const searchMatchCap = 100;

/** Characters of a file searched, at most: a larger file (a bundle, a data dump) is skipped and counted. */
export const searchFileCap = 1_000_000;

/** Characters searched in all; the search stops there and says so. */
export const searchTotalCap = 20_000_000;

/** Milliseconds the pattern may run over the whole search. */
export const patternTimeLimitMs = 3_000;

/** Files read at once. */
const readsAtOnce = 8;

/** Files, and characters, scanned in one guarded run, at most (a batch is scanned once it reaches either). */
const batchFiles = 64;
const batchCharactersCap = 1_000_000;

/** Characters of a query, at most. */
const queryLengthCap = 1_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function queryExpression(args: ToolArgs): { expression: RegExp; query: string; kind: string; isRegExp: boolean } {
  const query = args.string('query', { required: true });
  const isRegExp = args.boolean('isRegExp') ?? false;
  const caseSensitive = args.boolean('caseSensitive') ?? false;
  if (query.length > queryLengthCap) {
    throw new ToolRefusal(`The argument "query" is longer than ${queryLengthCap} characters.`);
  }
  const kind = `${isRegExp ? 'regular expression' : 'text'}, ${caseSensitive ? 'case-sensitive' : 'case ignored'}`;
  try {
    return { expression: new RegExp(isRegExp ? query : escapeRegExp(query), caseSensitive ? '' : 'i'), query, kind, isRegExp };
  } catch (error) {
    throw new ToolRefusal(`The argument "query" is not a valid JavaScript regular expression: ${error instanceof Error ? error.message : String(error)}.`);
  }
}

interface Tally {
  files: number;
  characters: number;
  tooLarge: number;
  notText: number;
  linked: number;
  stoppedAtTotal: boolean;
}

function notesOf(tally: Tally, truncatedListing: boolean, listed: number): string[] {
  const notes: string[] = [];
  if (tally.stoppedAtTotal) {
    notes.push(`[The search stopped after ${tally.characters.toLocaleString('en-US')} characters (its limit is ${searchTotalCap.toLocaleString('en-US')}): narrow it with "include".]`);
  }
  if (tally.tooLarge > 0) {
    notes.push(`[${tally.tooLarge} files over ${searchFileCap.toLocaleString('en-US')} characters were not searched.]`);
  }
  if (tally.notText > 0) {
    notes.push(`[${tally.notText} binary or unreadable files were not searched.]`);
  }
  if (tally.linked > 0) {
    notes.push(`[${tally.linked} files reached through symbolic links were not searched.]`);
  }
  if (truncatedListing) {
    notes.push(`[The workspace has more files than the ${listed} the tools list: only those were searched.]`);
  }
  return notes;
}

export const searchTextTool: WorkspaceTool = {
  descriptor: {
    name: 'search_text',
    description: `Searches the text files of the user's workspace for a string or a JavaScript regular expression, line by line, and returns the matching lines as 'path:line: text' (at most ${searchMatchCap}, long lines cut). Files excluded by files.exclude or ignored by .gitignore, binary files and files over 1 MB are not searched. Narrow a search with "include".`,
    inputSchema: objectSchema(
      {
        query: { type: 'string', description: 'What to look for: plain text, or a regular expression when isRegExp is true. Matched within one line.' },
        isRegExp: { type: 'boolean', description: 'True to read query as a JavaScript regular expression (no flags; use caseSensitive for case). Default: false.' },
        caseSensitive: { type: 'boolean', description: 'True to match case exactly. Default: false.' },
        include: { type: 'string', description: "A glob of the files to search, such as 'src/**/*.ts' or '*.md' (without '/', it matches file names in any folder)." },
      },
      ['query'],
    ),
    readOnly: true,
  },
  async run(args, { host, signal }) {
    const { expression, query, kind, isRegExp } = queryExpression(args);
    const include = args.string('include');
    const listing = await workspaceListing(host);
    const isIncluded = include === undefined ? () => true : pathGlob(include, 'include', listing.roots);
    const links = new LinkCheck(host, listing.roots.length > 1);
    const guard = new TimeGuard();
    let timeLeft = patternTimeLimitMs;
    const tally: Tally = { files: 0, characters: 0, tooLarge: 0, notText: 0, linked: 0, stoppedAtTotal: false };
    const matches: string[] = [];
    const matchedFiles = new Set<string>();
    let batch: { path: string; text: string }[] = [];
    let batchCharacters = 0;

    const scan = (files: readonly { path: string; text: string }[]): { path: string; match: LineMatch }[] => {
      const room = searchMatchCap - matches.length;
      const found: { path: string; match: LineMatch }[] = [];
      for (const file of files) {
        for (const match of searchLines(file.text, expression, room - found.length)) {
          found.push({ path: file.path, match });
        }
        if (found.length >= room) {
          break;
        }
      }
      return found;
    };
    // Files are scanned in batches: each guarded run costs a watchdog thread (a tenth of a
    // millisecond), too much once per file of a large workspace. A plain string needs no guard.
    const flush = (): void => {
      const files = batch;
      batch = [];
      batchCharacters = 0;
      if (files.length === 0) {
        return;
      }
      let found: { path: string; match: LineMatch }[];
      if (isRegExp) {
        const started = performance.now();
        const guarded = timeLeft > 0 ? guard.run(() => scan(files), timeLeft) : { ok: false as const };
        timeLeft -= performance.now() - started;
        if (!guarded.ok) {
          throw new ToolRefusal(
            `The regular expression in "query" took over ${patternTimeLimitMs / 1000} s and was stopped: it likely backtracks catastrophically, as nested repetition such as (a+)+ does. Simplify it, or search for plain text.`,
          );
        }
        found = guarded.value;
      } else {
        found = scan(files);
      }
      for (const { path, match } of found) {
        matches.push(`${path}:${match.line}: ${match.text}`);
        matchedFiles.add(path);
      }
    };

    const included = listing.files.filter((path) => isIncluded(path));
    reading: for (let next = 0; next < included.length && matches.length < searchMatchCap; next += readsAtOnce) {
      signal.throwIfAborted();
      // A few reads at once: in a remote window each is a round trip.
      const paths = included.slice(next, next + readsAtOnce);
      const files = await Promise.all(paths.map((path) => listedFileText(host, links, path)));
      for (const [index, file] of files.entries()) {
        if (file.kind === 'linked') {
          tally.linked += 1;
        } else if (file.kind === 'tooLarge' || (file.kind === 'text' && file.text.length > searchFileCap)) {
          tally.tooLarge += 1;
        } else if (file.kind !== 'text') {
          tally.notText += 1;
        } else if (tally.characters + file.text.length > searchTotalCap) {
          tally.stoppedAtTotal = true;
          break reading;
        } else {
          tally.files += 1;
          tally.characters += file.text.length;
          batch.push({ path: paths[index] as string, text: file.text });
          batchCharacters += file.text.length;
        }
      }
      if (batch.length >= batchFiles || batchCharacters >= batchCharactersCap) {
        flush();
      }
    }
    flush();
    const notes = notesOf(tally, listing.truncated, listing.files.length);
    if (matches.length === 0) {
      return [`No matches for ${JSON.stringify(query)} (${kind}) in ${tally.files} files searched.`, ...notes].join('\n');
    }
    const heading =
      matches.length >= searchMatchCap
        ? `The first ${searchMatchCap} matching lines for ${JSON.stringify(query)} (${kind}), in ${matchedFiles.size} files; the search stops at ${searchMatchCap}, so narrow it for more:`
        : `${matches.length} matching ${matches.length === 1 ? 'line' : 'lines'} for ${JSON.stringify(query)} (${kind}), in ${matchedFiles.size} of ${tally.files} files searched:`;
    return [heading, ...matches, ...notes].join('\n');
  },
};
