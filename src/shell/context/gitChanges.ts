/**
 * `#changes` through VS Code's built-in Git extension (`vscode.git`, API version 1): for each
 * repository of the workspace, `git diff --cached`, `git diff` and the untracked files. The
 * interfaces below are the part of its `git.d.ts` (microsoft/vscode, extensions/git/src/api) used
 * here; the extension's real objects fit them.
 */

import * as vscode from 'vscode';
import type { RepositoryChanges } from './changesText';
import type { GitState } from './contextHost';

interface GitChange {
  readonly uri: vscode.Uri;
  readonly status: number;
}

interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD: { readonly name?: string } | undefined;
    readonly workingTreeChanges: readonly GitChange[];
    /** Present in recent versions; filled only when `git.untrackedChanges` is `separate`. */
    readonly untrackedChanges?: readonly GitChange[];
  };
  diff(cached?: boolean): Promise<string>;
}

type GitApiState = 'uninitialized' | 'initialized';

interface GitApi {
  readonly state?: GitApiState;
  readonly onDidChangeState?: vscode.Event<GitApiState>;
  readonly repositories: readonly GitRepository[];
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

/** `Status.UNTRACKED` of `git.d.ts`. */
const untrackedStatus = 7;

/** How long to wait for the Git extension to find the repositories once (it scans at startup). */
const initializationWaitMs = 10_000;

async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (extension === undefined) {
    return undefined;
  }
  const git = extension.isActive ? extension.exports : await extension.activate();
  if (!git.enabled) {
    return undefined;
  }
  const api = git.getAPI(1);
  const onDidChangeState = api.onDidChangeState;
  if (api.state === 'uninitialized' && onDidChangeState !== undefined) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, initializationWaitMs);
      const subscription = onDidChangeState((state) => {
        if (state === 'initialized') {
          finish();
        }
      });
      function finish(): void {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  }
  return api;
}

function isInside(child: vscode.Uri, parent: vscode.Uri): boolean {
  const parentPath = parent.path.replace(/\/$/, '');
  return child.scheme === parent.scheme && child.authority === parent.authority && (child.path === parentPath || child.path.startsWith(`${parentPath}/`));
}

/** A repository inside a workspace folder, or holding one (a folder opened inside a larger repository). */
function belongsToWorkspace(repository: GitRepository, folders: readonly vscode.WorkspaceFolder[]): boolean {
  return folders.some((folder) => isInside(repository.rootUri, folder.uri) || isInside(folder.uri, repository.rootUri));
}

async function repositoryChanges(repository: GitRepository): Promise<RepositoryChanges> {
  const root = repository.rootUri;
  const untracked = [...(repository.state.untrackedChanges ?? []), ...repository.state.workingTreeChanges.filter((change) => change.status === untrackedStatus)].map((change) =>
    change.uri.path.slice(root.path.replace(/\/$/, '').length + 1),
  );
  const branch = repository.state.HEAD?.name;
  return {
    name: root.path.slice(root.path.replace(/\/$/, '').lastIndexOf('/') + 1),
    ...(branch === undefined ? {} : { branch }),
    staged: await repository.diff(true),
    unstaged: await repository.diff(false),
    untracked: [...new Set(untracked)].sort(),
  };
}

export async function gitChanges(): Promise<GitState> {
  const api = await gitApi();
  if (api === undefined) {
    return { kind: 'unavailable' };
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  const repositories = api.repositories.filter((repository) => belongsToWorkspace(repository, folders));
  if (repositories.length === 0) {
    return { kind: 'noRepository' };
  }
  const sorted = [...repositories].sort((a, b) => (a.rootUri.path < b.rootUri.path ? -1 : 1));
  return { kind: 'repositories', repositories: await Promise.all(sorted.map(repositoryChanges)) };
}
