/**
 * The workspace's instruction files, found and ordered: the `InstructionFiles` port without VS Code
 * (`vscodeInstructionFiles.ts` gives it `vscode.workspace.fs`, the folders and the watchers).
 *
 * The order is stable, so the system prompt — and the provider's prompt cache — stays the same
 * from turn to turn. Folder by folder (in the window's order):
 *   1. `AGENTS.md` at the root;
 *   2. the nearest `AGENTS.md` above each attached file (each once, by path);
 *   3. `.github/copilot-instructions.md`;
 *   4. the `*.instructions.md` files under `.github/instructions` (nested folders too) whose
 *      `applyTo` matches an attached file of the folder or is `**` (files without `applyTo` are
 *      not applied, as in VS Code), by path;
 *   5. `CLAUDE.md` at the root.
 * Files with no text after their front matter are left out; past `maxInstructionFiles`, the rest too.
 */

import type { ScheduleAfter } from '../chat/delays';
import type { ChatLog, InstructionFile, InstructionFiles } from '../chat/ports';
import { errorText } from '../errorText';
import { Emitter } from '../event';
import type { IDisposable } from '../lifecycle';
import { appliesTo } from './applyTo';
import type { EntryType, InstructionFileSystem, InstructionFolder } from './instructionFileSystem';
import {
  agentsFileName,
  agentsFilesAbove,
  attachedPathsByFolder,
  byCodeUnits,
  claudeFileName,
  copilotInstructionsPath,
  instructionsFolderDepth,
  instructionsFolderPath,
  isInstructionsFileName,
  maxInstructionFiles,
  maxScannedInstructionsFiles,
  shownPath,
} from './instructionPaths';
import { InstructionReader } from './instructionReader';
import { instructionCapBytes, type ReadInstruction } from './instructionText';

export interface WorkspaceInstructionsOptions<Root> {
  files: InstructionFileSystem<Root>;
  /** The window's folders, asked on every `find`. */
  folders(): readonly InstructionFolder<Root>[];
  /** `switchboard.chat.useInstructionFiles`, asked on every `find`. */
  enabled(): boolean;
  /** Shows a file in an editor. */
  openFile(root: Root, path: string): Promise<void>;
  log: ChatLog;
  /** Delays `onDidChange`, so a burst of changes (a branch switch) is told once. */
  scheduleAfter: ScheduleAfter;
  capBytes?: number;
}

/** How long changes are gathered before `onDidChange` fires. */
export const changeDebounceMs = 250;

interface FoundFile<Root> extends InstructionFile {
  root: Root;
  /** Relative to the folder. */
  relativePath: string;
}

export class WorkspaceInstructions<Root> implements InstructionFiles, IDisposable {
  readonly capBytes: number;
  private readonly reader: InstructionReader<Root>;
  private readonly changes = new Emitter<void>();
  private pendingChange: { cancel(): void } | undefined;
  /** The files `find` returned, by shown path: the only ones `open` opens (the webview names them). */
  private readonly listed = new Map<string, { root: Root; path: string }>();
  private lastLeftOut = '';
  /** Warnings already logged since the last change, so a `find` per message does not repeat them. */
  private readonly warned = new Set<string>();

  constructor(private readonly options: WorkspaceInstructionsOptions<Root>) {
    this.capBytes = options.capBytes ?? instructionCapBytes;
    this.reader = new InstructionReader(options.files, options.log, this.capBytes);
  }

  readonly onDidChange = this.changes.event;

  async find(attachedPaths: readonly string[]): Promise<InstructionFile[]> {
    try {
      if (!this.options.enabled()) {
        return [];
      }
      const folders = this.distinctFolders();
      const attached = attachedPathsByFolder(folders.map((folder) => folder.name), attachedPaths);
      const perFolder = await Promise.all(folders.map((folder, index) => this.folderFiles(folder, attached[index] ?? [], folders.length > 1)));
      const found = perFolder.flat();
      this.reportLeftOut(found.slice(maxInstructionFiles));
      return found.slice(0, maxInstructionFiles).map(({ root, relativePath, path, text, truncated }) => {
        this.listed.set(path, { root, path: relativePath });
        return { path, text, truncated };
      });
    } catch (error) {
      this.options.log.error(`Instruction files could not be read: ${errorText(error, 'stack')}`);
      return [];
    }
  }

  async open(path: string): Promise<void> {
    const location = this.listed.get(path);
    if (location === undefined) {
      this.options.log.warn(`Not opened: ${JSON.stringify(path.slice(0, 200))} is not an instruction file the chat listed.`);
      return;
    }
    try {
      await this.options.openFile(location.root, location.path);
    } catch (error) {
      this.options.log.warn(`Instruction file ${path} could not be opened: ${errorText(error)}`);
    }
  }

  /** An instruction file or the setting may have changed: read again, and tell listeners soon. */
  changed(): void {
    this.reader.forget();
    this.warned.clear();
    this.pendingChange ??= this.options.scheduleAfter(changeDebounceMs, () => {
      this.pendingChange = undefined;
      this.changes.fire();
    });
  }

  /** Folders were added or removed: paths may now name other files. */
  foldersChanged(): void {
    this.listed.clear();
    this.changed();
  }

  dispose(): void {
    this.pendingChange?.cancel();
    this.pendingChange = undefined;
    this.changes.dispose();
  }

  /** The folders, the second of two with the same name left out (their paths would be the same). */
  private distinctFolders(): InstructionFolder<Root>[] {
    const byName = new Map<string, InstructionFolder<Root>>();
    for (const folder of this.options.folders()) {
      if (byName.has(folder.name)) {
        this.warnOnce(`Instruction files of the second folder named ${folder.name} are left out: its paths would read the same as the first's.`);
      } else {
        byName.set(folder.name, folder);
      }
    }
    return [...byName.values()];
  }

  private async folderFiles(folder: InstructionFolder<Root>, attached: readonly string[], multiRoot: boolean): Promise<FoundFile<Root>[]> {
    // One read per path per `find`, however many attached files share a directory.
    const reads = new Map<string, Promise<ReadInstruction | undefined>>();
    const read = (path: string): Promise<ReadInstruction | undefined> => {
      let pending = reads.get(path);
      if (pending === undefined) {
        pending = this.reader.read(folder.root, path, shownPath(folder.name, path, multiRoot));
        reads.set(path, pending);
      }
      return pending;
    };
    const [rootAgents, nested, copilot, applying, claude] = await Promise.all([
      read(agentsFileName),
      this.nearestAgentsFiles(attached, read),
      read(copilotInstructionsPath),
      this.applyingInstructionsFiles(folder, attached, read),
      read(claudeFileName),
    ]);
    const ordered: [string, ReadInstruction | undefined][] = [
      [agentsFileName, rootAgents],
      ...nested,
      [copilotInstructionsPath, copilot],
      ...applying,
      [claudeFileName, claude],
    ];
    const found: FoundFile<Root>[] = [];
    for (const [relativePath, instruction] of ordered) {
      if (instruction !== undefined && instruction.text !== '') {
        found.push({ root: folder.root, relativePath, path: shownPath(folder.name, relativePath, multiRoot), text: instruction.text, truncated: instruction.truncated });
      }
    }
    return found;
  }

  /** For each attached file, the first usable `AGENTS.md` above it (below the root); each once, by path. */
  private async nearestAgentsFiles(
    attached: readonly string[],
    read: (path: string) => Promise<ReadInstruction | undefined>,
  ): Promise<[string, ReadInstruction][]> {
    const nearest = new Map<string, ReadInstruction>();
    await Promise.all(
      attached.map(async (attachedPath) => {
        const candidates = agentsFilesAbove(attachedPath);
        const instructions = await Promise.all(candidates.map(read));
        const index = instructions.findIndex((instruction) => instruction !== undefined);
        const path = candidates[index];
        const instruction = instructions[index];
        if (path !== undefined && instruction !== undefined) {
          nearest.set(path, instruction);
        }
      }),
    );
    return [...nearest].sort(([a], [b]) => byCodeUnits(a, b));
  }

  private async applyingInstructionsFiles(
    folder: InstructionFolder<Root>,
    attached: readonly string[],
    read: (path: string) => Promise<ReadInstruction | undefined>,
  ): Promise<[string, ReadInstruction][]> {
    const paths = await this.instructionsFilePaths(folder);
    const instructions = await Promise.all(paths.map(read));
    const applying: [string, ReadInstruction][] = [];
    paths.forEach((path, index) => {
      const instruction = instructions[index];
      if (instruction?.applyTo !== undefined && appliesTo(instruction.applyTo, attached)) {
        applying.push([path, instruction]);
      }
    });
    return applying;
  }

  /** The `*.instructions.md` files under `.github/instructions` (nested folders too), by path. */
  private async instructionsFilePaths(folder: InstructionFolder<Root>): Promise<string[]> {
    const { files } = this.options;
    const found: string[] = [];
    const walk = async (directory: string, depth: number): Promise<void> => {
      let entries: [string, EntryType][];
      try {
        entries = await files.readDirectory(folder.root, directory);
      } catch (error) {
        this.warnOnce(`Instruction files in ${shownPath(folder.name, directory, true)} left out: ${errorText(error)}.`);
        return;
      }
      for (const [name, type] of entries.sort(([a], [b]) => byCodeUnits(a, b))) {
        if (found.length >= maxScannedInstructionsFiles) {
          return;
        }
        if (type === 'file' && isInstructionsFileName(name)) {
          found.push(`${directory}/${name}`);
        } else if (type === 'directory' && depth < instructionsFolderDepth) {
          await walk(`${directory}/${name}`, depth + 1);
        }
      }
    };
    try {
      if ((await files.stat(folder.root, instructionsFolderPath))?.type !== 'directory') {
        return [];
      }
    } catch (error) {
      this.warnOnce(`Instruction files in ${shownPath(folder.name, instructionsFolderPath, true)} left out: ${errorText(error)}.`);
      return [];
    }
    await walk(instructionsFolderPath, 1);
    if (found.length >= maxScannedInstructionsFiles) {
      this.warnOnce(`Only the first ${maxScannedInstructionsFiles} files of ${shownPath(folder.name, instructionsFolderPath, true)} are considered.`);
    }
    return found.sort(byCodeUnits);
  }

  private warnOnce(message: string): void {
    if (!this.warned.has(message)) {
      this.warned.add(message);
      this.options.log.warn(message);
    }
  }

  /** Logs the files past the limit, once for each different set. */
  private reportLeftOut(leftOut: readonly InstructionFile[]): void {
    const paths = leftOut.map((file) => file.path).join(', ');
    if (paths !== '' && paths !== this.lastLeftOut) {
      this.options.log.warn(`${leftOut.length} instruction files left out (at most ${maxInstructionFiles} go into a request): ${paths}.`);
    }
    this.lastLeftOut = paths;
  }
}
