/**
 * The "Add Context" picker's kinds routed to their sources (`WorkspaceContextSources`) over a fake
 * of VS Code (`ContextHost`): what each kind asks the user, what it attaches (with its size in
 * tokens), and the sentence it answers when there is nothing to add.
 */

import assert from 'node:assert/strict';
import type { Attachment, ContextKind } from '../../src/protocol/messages';
import { protocolLimits } from '../../src/protocol/messages';
import { formatMessage } from '../../src/shell/chat/localize';
import type { ContextResult } from '../../src/shell/chat/ports';
import type { ContextHost, EditorState, FileText, GitState, PathPick, TerminalState, WorkspaceListing } from '../../src/shell/context/contextHost';
import type { Problem } from '../../src/shell/context/problemsText';
import { WorkspaceContextSources } from '../../src/shell/context/workspaceContextSources';

/** A token per four characters, rounded up. */
const tokens = { count: async (text: string): Promise<number> => Math.ceil(text.length / 4) };

function editor(name: string, text: string, selected?: { from: number; to: number }): EditorState {
  const lines = text.split('\n');
  const from = selected?.from ?? 0;
  const to = selected?.to ?? 0;
  return {
    name,
    languageId: 'typescript',
    text,
    selection: { start: { line: from, character: 0 }, end: { line: to, character: 0 }, text: lines.slice(from, to).map((line) => `${line}\n`).join(''), isEmpty: selected === undefined },
  };
}

/** VS Code as the sources see it, scripted per test; records what the pickers were offered. */
class FakeHost implements ContextHost {
  listing: WorkspaceListing = { roots: [{ path: '', name: 'app' }], files: ['README.md', 'src/main.ts', 'src/util/math.ts', 'logo.png'], truncated: false };
  texts = new Map<string, FileText>([
    ['README.md', { kind: 'text', languageId: 'markdown', text: '# App\n' }],
    ['src/main.ts', { kind: 'text', languageId: 'typescript', text: 'export const answer = 42;\n' }],
    ['src/util/math.ts', { kind: 'text', languageId: 'typescript', text: 'export const pi = 3.14;\n' }],
    ['logo.png', { kind: 'binary' }],
  ]);
  chosenFiles: string[] | undefined = [];
  chosenFolder: string | undefined;
  offered: PathPick[] = [];
  opened: string[] = [];
  peeked: string[] = [];
  active: EditorState | undefined;
  selected: EditorState | undefined;
  diagnostics: Problem[] = [];
  git: GitState = { kind: 'unavailable' };
  shell: TerminalState = { kind: 'noTerminal' };
  failure: Error | undefined;

  async listFiles(): Promise<WorkspaceListing> {
    if (this.failure !== undefined) {
      throw this.failure;
    }
    return this.listing;
  }

  async pickFiles(picks: readonly PathPick[]): Promise<string[] | undefined> {
    this.offered = [...picks];
    return this.chosenFiles;
  }

  async pickFolder(picks: readonly PathPick[]): Promise<string | undefined> {
    this.offered = [...picks];
    return this.chosenFolder;
  }

  async openFile(path: string): Promise<FileText> {
    this.opened.push(path);
    return this.texts.get(path) ?? { kind: 'unreadable', reason: 'gone' };
  }

  async peekFile(path: string): Promise<FileText> {
    this.peeked.push(path);
    return this.texts.get(path) ?? { kind: 'unreadable', reason: 'gone' };
  }

  fileEditor(): EditorState | undefined {
    return this.active;
  }

  selectionEditor(): EditorState | undefined {
    return this.selected;
  }

  problems(): Problem[] {
    return this.diagnostics;
  }

  async changes(): Promise<GitState> {
    return this.git;
  }

  terminal(): TerminalState {
    return this.shell;
  }
}

interface Rig {
  host: FakeHost;
  warnings: string[];
  errors: string[];
  add: (kind: ContextKind, attachedFiles?: string[], tokenBudget?: number) => Promise<ContextResult>;
}

function rig(): Rig {
  const host = new FakeHost();
  const warnings: string[] = [];
  const errors: string[] = [];
  const sources = new WorkspaceContextSources({ host, tokens, localize: formatMessage, log: { error: (message) => errors.push(message) }, warn: (message) => warnings.push(message) });
  return { host, warnings, errors, add: (kind, attachedFiles = [], tokenBudget = 10_000) => sources.add(kind, { attachedFiles, tokenBudget }) };
}

function withTokens(attachment: Attachment): Attachment {
  return { ...attachment, tokens: Math.ceil((attachment.text ?? '').length / 4) };
}

describe('context sources: #file', () => {
  it('offers the listed files by name with their folder, and attaches the chosen ones as VS Code opens them', async () => {
    const { host, add } = rig();
    host.chosenFiles = ['src/main.ts', 'README.md'];
    const result = await add('file');
    assert.deepStrictEqual(
      { result, offered: host.offered, opened: host.opened },
      {
        result: {
          attachments: [
            withTokens({ kind: 'file', name: 'src/main.ts', languageId: 'typescript', text: 'export const answer = 42;\n' }),
            withTokens({ kind: 'file', name: 'README.md', languageId: 'markdown', text: '# App\n' }),
          ],
        },
        offered: [
          { label: 'README.md', path: 'README.md' },
          { label: 'main.ts', description: 'src', path: 'src/main.ts' },
          { label: 'math.ts', description: 'src/util', path: 'src/util/math.ts' },
          { label: 'logo.png', path: 'logo.png' },
        ],
        opened: ['src/main.ts', 'README.md'],
      },
    );
  });

  it('adds nothing when the pick is cancelled', async () => {
    const { host, add } = rig();
    host.chosenFiles = undefined;
    assert.deepStrictEqual(await add('file'), { attachments: [] });
  });

  it('refuses binary, empty and oversized files with a sentence; the others are still added, with a warning', async () => {
    const { host, add, warnings } = rig();
    host.texts.set('empty.txt', { kind: 'text', languageId: 'plaintext', text: '  \n' });
    host.texts.set('dump.sql', { kind: 'text', languageId: 'sql', text: 'x'.repeat(protocolLimits.attachmentTextLength + 1) });
    host.chosenFiles = ['logo.png', 'empty.txt', 'dump.sql'];
    const refused = await add('file');
    host.chosenFiles = ['logo.png', 'README.md'];
    const mixed = await add('file');
    assert.deepStrictEqual(
      { refused, mixed, warnings },
      {
        refused: { problem: 'logo.png is a binary file, so it cannot be attached as text. empty.txt has no text to attach. dump.sql is too large to attach.' },
        mixed: { attachments: [withTokens({ kind: 'file', name: 'README.md', languageId: 'markdown', text: '# App\n' })] },
        warnings: ['logo.png is a binary file, so it cannot be attached as text.'],
      },
    );
  });

  it('says so when no folder is open or every file is excluded', async () => {
    const { host, add } = rig();
    host.listing = { roots: [], files: [], truncated: false };
    const noFolder = await add('file');
    host.listing = { roots: [{ path: '', name: 'app' }], files: [], truncated: false };
    assert.deepStrictEqual([noFolder, await add('file')], [
      { problem: 'Open a folder to add its files to the chat.' },
      { problem: 'The workspace has no files to add (files.exclude and .gitignore apply).' },
    ]);
  });
});

describe('context sources: #folder', () => {
  it('offers the workspace folders, then every folder holding files, and packs the chosen one without opening documents', async () => {
    const { host, add } = rig();
    host.listing = { roots: [{ path: 'app', name: 'app' }, { path: 'docs', name: 'docs' }], files: ['app/src/main.ts', 'app/src/util/math.ts', 'docs/guide.md'], truncated: false };
    host.texts = new Map([
      ['app/src/main.ts', { kind: 'text', languageId: 'typescript', text: 'main();\n' }],
      ['app/src/util/math.ts', { kind: 'text', languageId: 'typescript', text: 'add();\n' }],
    ]);
    host.chosenFolder = 'app/src';
    const result = await add('folder');
    const text = 'app/src/\n  util/\n    math.ts\n  main.ts\n\napp/src/main.ts\n```ts\nmain();\n```\n\napp/src/util/math.ts\n```ts\nadd();\n```';
    assert.deepStrictEqual(
      { result, offered: host.offered, peeked: host.peeked, opened: host.opened },
      {
        result: { attachments: [{ kind: 'folder', name: 'app/src', text, tokens: Math.ceil(text.length / 4) }] },
        offered: [
          { label: 'app', description: 'workspace folder', path: 'app' },
          { label: 'docs', description: 'workspace folder', path: 'docs' },
          { label: 'app/src', path: 'app/src' },
          { label: 'app/src/util', path: 'app/src/util' },
        ],
        peeked: ['app/src/main.ts', 'app/src/util/math.ts'],
        opened: [],
      },
    );
  });

  it("names a workspace folder by its name, keeps to the request's budget, and says when a folder has no files", async () => {
    const { host, add } = rig();
    host.chosenFolder = '';
    const small = await add('folder', [], 60);
    assert.ok('attachments' in small);
    const [folder] = small.attachments;
    const text = folder?.text ?? '';
    // Every listed file is either in the text with its fence or named as left out.
    const fate = (path: string): string => (text.includes(`${path}\n\`\`\``) ? 'included' : (/ — not included: (.*)$/m.exec(text.split('\n').find((line) => line.startsWith(`${path} — `)) ?? '')?.[1] ?? 'dropped'));
    assert.deepStrictEqual(
      { name: folder?.name, within: (folder?.tokens ?? Infinity) <= 60, fates: host.listing.files.map(fate) },
      { name: 'app', within: true, fates: ['included', 'over the budget', 'included', 'binary'] },
    );
    host.listing = { roots: [{ path: 'empty', name: 'empty' }, { path: 'app', name: 'app' }], files: ['app/a.ts'], truncated: false };
    host.chosenFolder = 'empty';
    assert.deepStrictEqual(await add('folder'), { problem: 'empty has no files to add (files.exclude and .gitignore apply).' });
    host.chosenFolder = undefined;
    assert.deepStrictEqual(await add('folder'), { attachments: [] });
  });
});

describe('context sources: #selection and the active file', () => {
  it('attaches the selection with its lines, and the active document whole', async () => {
    const { host, add } = rig();
    const document = 'line 1\nline 2\nline 3\n';
    host.selected = editor('src/main.ts', document, { from: 1, to: 3 });
    host.active = editor('src/main.ts', document);
    assert.deepStrictEqual([await add('selection'), await add('activeFile')], [
      { attachments: [withTokens({ kind: 'selection', name: 'src/main.ts', languageId: 'typescript', text: 'line 2\nline 3\n', lines: '2-3' })] },
      { attachments: [withTokens({ kind: 'file', name: 'src/main.ts', languageId: 'typescript', text: document })] },
    ]);
  });

  it('says what to do without an editor or a selection, in the editor commands\' words', async () => {
    const { host, add } = rig();
    const none = [await add('selection'), await add('activeFile')];
    host.selected = editor('src/main.ts', 'text\n');
    host.active = editor('notes.md', '\n\n');
    assert.deepStrictEqual([...none, await add('selection'), await add('activeFile')], [
      { problem: 'Select some code in an editor first, then ask about it.' },
      { problem: 'Open a file to attach it to the chat.' },
      { problem: 'Select some code in an editor first, then ask about it.' },
      { problem: 'notes.md has no text to attach.' },
    ]);
  });
});

describe('context sources: #problems', () => {
  it("attaches the workspace's problems, or the attached files' only, and says when there are none", async () => {
    const { host, add } = rig();
    host.diagnostics = [
      { path: 'src/a.ts', inWorkspace: true, line: 3, column: 5, severity: 'error', message: 'Bad.', source: 'ts', code: '1' },
      { path: 'src/b.ts', inWorkspace: true, line: 1, column: 1, severity: 'warning', message: 'Meh.' },
    ];
    const all = await add('problems');
    const attached = await add('problems', ['src/b.ts']);
    const clean = await add('problems', ['README.md']);
    host.diagnostics = [];
    assert.deepStrictEqual([all, attached, clean, await add('problems')], [
      { attachments: [withTokens({ kind: 'problems', name: 'Problems (2)', text: 'src/a.ts:3:5 error: Bad. (ts 1)\nsrc/b.ts:1:1 warning: Meh.' })] },
      { attachments: [withTokens({ kind: 'problems', name: 'Problems (1)', text: 'src/b.ts:1:1 warning: Meh.' })] },
      { problem: 'The attached files have no problems.' },
      { problem: 'The workspace has no problems.' },
    ]);
  });
});

describe('context sources: #changes', () => {
  it('attaches the diff of the changed repositories, or says why there is none', async () => {
    const { host, add } = rig();
    const unavailable = await add('changes');
    host.git = { kind: 'noRepository' };
    const noRepository = await add('changes');
    host.git = { kind: 'repositories', repositories: [{ name: 'app', staged: '', unstaged: '', untracked: [] }] };
    const unchanged = await add('changes');
    host.git = {
      kind: 'repositories',
      repositories: [
        { name: 'app', branch: 'main', staged: '', unstaged: 'diff --git a/x b/x\n+y\n', untracked: [] },
        { name: 'clean', staged: '', unstaged: '', untracked: [] },
      ],
    };
    assert.deepStrictEqual([unavailable, noRepository, unchanged, await add('changes')], [
      { problem: "Git is not available: VS Code's Git extension is missing or disabled." },
      { problem: 'The workspace is not in a Git repository.' },
      { problem: "Nothing has changed in the workspace's Git repositories." },
      {
        attachments: [
          withTokens({ kind: 'changes', name: 'Changes in app', languageId: 'diff', text: 'Repository: app (branch main)\nUnstaged changes (git diff):\ndiff --git a/x b/x\n+y' }),
        ],
      },
    ]);
  });
});

describe('context sources: #terminal', () => {
  it("attaches the active terminal's last command, or says why it cannot", async () => {
    const { host, add } = rig();
    const states: TerminalState[] = [
      { kind: 'noTerminal' },
      { kind: 'noShellIntegration', terminal: 'cmd' },
      { kind: 'noCommand', terminal: 'bash' },
      { kind: 'command', terminal: 'bash', command: { commandLine: `npm run build -- --watch ${'x'.repeat(60)}`, cwd: '/work', exitCode: 1, output: { text: 'error TS2322\n', cutCharacters: 0 } } },
    ];
    const results: ContextResult[] = [];
    for (const state of states) {
      host.shell = state;
      results.push(await add('terminal'));
    }
    assert.deepStrictEqual(results, [
      { problem: 'Open a terminal and run a command first.' },
      {
        problem:
          "The terminal cmd has no shell integration, so its output cannot be read. Turn on 'terminal.integrated.shellIntegration.enabled' and use bash, zsh, fish or PowerShell.",
      },
      { problem: 'No command has finished in the terminal bash since Switchboard started. Run it again, then add it.' },
      {
        attachments: [
          withTokens({
            kind: 'terminal',
            name: `bash: npm run build -- --watch ${'x'.repeat(28)}…`,
            text: `$ npm run build -- --watch ${'x'.repeat(60)}\n(in /work, exit code 1)\nerror TS2322`,
          }),
        ],
      },
    ]);
  });
});

describe('context sources: failures', () => {
  it('answers a failure of VS Code with a sentence and logs it, never rejecting', async () => {
    const { host, add, errors } = rig();
    host.failure = new Error('search service crashed');
    assert.deepStrictEqual(await add('file'), { problem: '#file could not be added: search service crashed' });
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /^Adding #file to the chat failed: Error: search service crashed/);
  });
});
