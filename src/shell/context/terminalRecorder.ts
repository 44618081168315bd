/**
 * The last finished command of each terminal, from VS Code's shell integration: a command's
 * output can only be read from the moment it starts, so every execution is read as it runs into a
 * capped buffer, and kept when it ends. vscode-free (`vscodeTerminals.ts` feeds it VS Code's
 * events); the terminal is any object, compared by identity as VS Code hands out the same one.
 */

import type { IDisposable } from '../lifecycle';
import { OutputBuffer, type CappedOutput } from './terminalOutput';

/**
 * What is read of a `vscode.TerminalShellExecution` (VS Code's object fits as it is, so the one
 * object of a start and its end is recognised by identity).
 */
export interface ShellExecution {
  readonly commandLine: { readonly value: string };
  readonly cwd: { readonly fsPath: string } | undefined;
  read(): AsyncIterable<string>;
}

export interface FinishedCommand {
  commandLine: string;
  cwd: string | undefined;
  /** Undefined when the shell did not report one. */
  exitCode: number | undefined;
  output: CappedOutput;
}

/** How much of a command's output is kept: its last 100,000 characters (about 25,000 tokens). */
export const terminalOutputCap = 100_000;

interface Running<Terminal> {
  terminal: Terminal;
  output: OutputBuffer;
}

interface Finished {
  commandLine: string;
  cwd: string | undefined;
  exitCode: number | undefined;
  output: OutputBuffer;
}

export class TerminalRecorder<Terminal extends object> implements IDisposable {
  private readonly running = new Map<ShellExecution, Running<Terminal>>();
  private readonly finished = new Map<Terminal, Finished>();
  private disposed = false;

  constructor(
    private readonly onReadError: (error: unknown) => void,
    private readonly cap = terminalOutputCap,
  ) {}

  /** A command started: read its output from now on (reading goes on until its stream ends). */
  started(terminal: Terminal, execution: ShellExecution): void {
    if (this.disposed) {
      return;
    }
    const output = new OutputBuffer(this.cap);
    this.running.set(execution, { terminal, output });
    this.read(execution, output).catch(this.onReadError);
  }

  /** A command ended: it becomes its terminal's last command (output that still arrives is kept). */
  ended(terminal: Terminal, execution: ShellExecution, exitCode: number | undefined): void {
    if (this.disposed) {
      return;
    }
    // A command that started before the recorder existed has no output to show, but did run.
    const output = this.running.get(execution)?.output ?? new OutputBuffer(this.cap);
    this.running.delete(execution);
    this.finished.set(terminal, { commandLine: execution.commandLine.value, cwd: execution.cwd?.fsPath, exitCode, output });
  }

  /** The terminal closed: forget it. */
  closed(terminal: Terminal): void {
    this.finished.delete(terminal);
    for (const [execution, run] of this.running) {
      if (run.terminal === terminal) {
        this.running.delete(execution);
      }
    }
  }

  lastCommand(terminal: Terminal): FinishedCommand | undefined {
    const finished = this.finished.get(terminal);
    return finished === undefined ? undefined : { commandLine: finished.commandLine, cwd: finished.cwd, exitCode: finished.exitCode, output: finished.output.snapshot() };
  }

  dispose(): void {
    this.disposed = true;
    this.running.clear();
    this.finished.clear();
  }

  private async read(execution: ShellExecution, output: OutputBuffer): Promise<void> {
    for await (const chunk of execution.read()) {
      if (this.disposed) {
        // Leaving the loop ends the stream's iterator, so VS Code stops buffering for us.
        return;
      }
      output.append(chunk);
    }
  }
}

/** A finished command as the model reads it: the prompt line, where and how it ended, its output. */
export function commandText(command: FinishedCommand): string {
  const facts = [command.cwd === undefined ? undefined : `in ${command.cwd}`, command.exitCode === undefined ? undefined : `exit code ${command.exitCode}`].filter(
    (fact): fact is string => fact !== undefined,
  );
  const lines = [`$ ${command.commandLine}`];
  if (facts.length > 0) {
    lines.push(`(${facts.join(', ')})`);
  }
  if (command.output.cutCharacters > 0) {
    lines.push(`… (the first ${command.output.cutCharacters} characters of the output were left out)`);
  }
  // Blank lines around the output say nothing; indentation inside it may.
  const output = command.output.text.replace(/^(?:[ \t]*\n)+/, '').replace(/\s+$/, '');
  lines.push(output.length > 0 ? output : '(no output)');
  return lines.join('\n');
}
