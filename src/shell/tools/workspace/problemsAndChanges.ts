/**
 * `get_problems` and `get_changes`: the `#problems` and `#changes` context kinds as tools, with
 * the same text (`problemsText.ts`, `changesText.ts`), so the model sees what the user would attach.
 */

import { changesText, hasChanges } from '../../context/changesText';
import { problemsText, selectProblems } from '../../context/problemsText';
import { noFolder, pathArgument } from './listedFiles';
import { objectSchema, ToolRefusal, type WorkspaceTool } from './workspaceTool';

/** Characters of get_changes' text: the diffs are cut at a line end beyond this, and say so. */
export const changesToolCap = 65_536;

export const getProblemsTool: WorkspaceTool = {
  descriptor: {
    name: 'get_problems',
    description:
      "Lists the problems VS Code reports for the user's workspace (errors, warnings and information from compilers and linters, as in the Problems panel), one per line as 'path:line:column severity: message (source code)', errors first.",
    inputSchema: objectSchema({
      path: { type: 'string', description: "Only the problems of this file, or of the files under this folder (relative to the workspace with '/'). Leave it out for the whole workspace." },
    }),
    readOnly: true,
  },
  async run(args, { host }) {
    const path = pathArgument(args, 'path', { required: false }) ?? '';
    if (host.roots().length === 0) {
      throw noFolder();
    }
    const inScope = (problemPath: string): boolean => path === '' || problemPath === path || problemPath.startsWith(`${path}/`);
    const problems = selectProblems(host.problems(), []).filter((problem) => inScope(problem.path));
    const where = path === '' ? 'the workspace' : `"${path}"`;
    if (problems.length === 0) {
      return `VS Code reports no problems in ${where} (language servers report problems only for the files they have checked, often only the open ones).`;
    }
    return `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${where}:\n${problemsText(problems)}`;
  },
};

export const getChangesTool: WorkspaceTool = {
  descriptor: {
    name: 'get_changes',
    description:
      "Shows what changed in the user's Git repositories in the workspace and is not committed: the staged diff (git diff --cached), the unstaged diff (git diff) and the untracked files, from VS Code's Git extension.",
    inputSchema: objectSchema({}),
    readOnly: true,
  },
  async run(_args, { host }) {
    if (host.roots().length === 0) {
      throw noFolder();
    }
    const git = await host.changes();
    switch (git.kind) {
      case 'unavailable':
        throw new ToolRefusal("Git is not available: VS Code's Git extension is missing or disabled.");
      case 'noRepository':
        throw new ToolRefusal('The workspace is not in a Git repository.');
      case 'repositories':
        break;
    }
    const changed = git.repositories.filter(hasChanges);
    if (changed.length === 0) {
      return `Nothing has changed in the workspace's Git ${git.repositories.length === 1 ? 'repository' : 'repositories'} (${git.repositories.map((repository) => repository.name).join(', ')}): the working tree and the index match the last commit.`;
    }
    return changesText(changed, changesToolCap);
  },
};
