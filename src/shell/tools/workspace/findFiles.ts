/**
 * `find_files`: the workspace's files whose path matches a glob, sorted, capped. The glob runs
 * under the time guard: compiled to a regular expression, a hostile one could backtrack.
 */

import { pathGlob } from './pathGlob';
import { workspaceListing } from './listedFiles';
import { TimeGuard } from './timeGuard';
import { objectSchema, ToolRefusal, type WorkspaceTool } from './workspaceTool';

/** Paths listed, at most. */
export const findFilesCap = 500;

/** Milliseconds the glob may take over the whole listing. */
export const globTimeLimitMs = 2_000;

export const findFilesTool: WorkspaceTool = {
  descriptor: {
    name: 'find_files',
    description: `Finds files of the user's workspace by a glob on their paths, such as '**/*.test.ts', 'src/**/config.*' or '*.md' (a glob without '/' matches file names in any folder; case is ignored). Returns at most ${findFilesCap} paths, sorted. Files excluded by files.exclude or ignored by .gitignore are not found.`,
    inputSchema: objectSchema(
      {
        pattern: { type: 'string', description: "The glob: '*' within a name, '**' across folders, '?', '{a,b}', '[abc]'. Paths are relative to the workspace with '/'." },
      },
      ['pattern'],
    ),
    readOnly: true,
  },
  async run(args, { host }) {
    const pattern = args.string('pattern', { required: true });
    const listing = await workspaceListing(host);
    const isMatch = pathGlob(pattern, 'pattern', listing.roots);
    const matched = new TimeGuard().run(() => listing.files.filter(isMatch), globTimeLimitMs);
    if (!matched.ok) {
      throw new ToolRefusal(`The argument "pattern" took over ${globTimeLimitMs / 1000} s to match the workspace's paths: give a simpler glob.`);
    }
    const found = matched.value;
    const notes: string[] = [];
    if (listing.truncated) {
      notes.push(`(The workspace has more files than the ${listing.files.length} the tools list: some matches may be missing.)`);
    }
    if (found.length === 0) {
      return [`No file of the workspace matches ${JSON.stringify(pattern)}.`, ...notes].join('\n');
    }
    const lines = [`${found.length} ${found.length === 1 ? 'file matches' : 'files match'} ${JSON.stringify(pattern)}:`, ...found.slice(0, findFilesCap)];
    if (found.length > findFilesCap) {
      lines.push(`… and ${found.length - findFilesCap} more (the list stops at ${findFilesCap}; give a narrower glob).`);
    }
    return [...lines, ...notes].join('\n');
  },
};
