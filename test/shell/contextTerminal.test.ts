/**
 * `#terminal`: escape sequences stripped even when split between chunks, progress-bar redraws
 * settled, the output capped at its end, and the recorder keeping each terminal's last finished
 * command from VS Code-shaped shell executions (fakes of `TerminalShellExecution`).
 */

import assert from 'node:assert/strict';
import { AnsiStripper, OutputBuffer, settleCarriageReturns, stripAnsi } from '../../src/shell/context/terminalOutput';
import { commandText, TerminalRecorder, type ShellExecution } from '../../src/shell/context/terminalRecorder';

const esc = '\u001b';

/** A shell execution whose output the test pushes, ending when the test says. */
class FakeExecution implements ShellExecution {
  readonly commandLine: { value: string };
  readonly cwd: { fsPath: string } | undefined;
  private readonly queue: string[] = [];
  private wake: (() => void) | undefined;
  private done = false;
  reads = 0;

  constructor(commandLine: string, cwd?: string) {
    this.commandLine = { value: commandLine };
    this.cwd = cwd === undefined ? undefined : { fsPath: cwd };
  }

  write(chunk: string): void {
    this.queue.push(chunk);
    this.wake?.();
  }

  end(): void {
    this.done = true;
    this.wake?.();
  }

  async *read(): AsyncIterable<string> {
    this.reads += 1;
    for (;;) {
      const chunk = this.queue.shift();
      if (chunk !== undefined) {
        yield chunk;
      } else if (this.done) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    }
  }
}

/** Lets the recorder's reading loop take what was written. */
async function settle(): Promise<void> {
  for (let turn = 0; turn < 10; turn += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe('context terminal output', () => {
  it('strips colours, cursor moves, OSC marks (BEL or ESC \\ ended), charsets and stray controls', () => {
    const raw = `${esc}]633;A\u0007$ ${esc}[1;32mnpm${esc}[0m test${esc}]633;E;npm test${esc}\\\n${esc}(Bok${esc}[2K${esc}[1G\u0007\tdone\r\n`;
    assert.equal(stripAnsi(raw), '$ npm test\nok\tdone\r\n');
  });

  it('strips a sequence split across chunks at every point', () => {
    const raw = `a${esc}[38;5;196mred${esc}[0m${esc}]8;;http://x${esc}\\link${esc}]8;;${esc}\\b`;
    for (let cut = 0; cut <= raw.length; cut += 1) {
      const stripper = new AnsiStripper();
      assert.equal(stripper.push(raw.slice(0, cut)) + stripper.push(raw.slice(cut)), 'aredlinkb', `cut at ${cut}`);
    }
  });

  it('settles carriage returns: a redrawn line keeps its last drawing', () => {
    assert.equal(settleCarriageReturns('progress 10%\rprogress 50%\rprogress 100%\r\nnext\r\n'), 'progress 100%\nnext\n');
  });

  it('keeps the last characters of a long output and counts the cut', () => {
    const buffer = new OutputBuffer(10);
    for (let index = 0; index < 30; index += 1) {
      buffer.append(`${esc}[31m${index % 10}${esc}[0m`);
    }
    assert.deepStrictEqual(buffer.snapshot(), { text: '0123456789', cutCharacters: 20 });
  });
});

describe('context terminal recorder', () => {
  it("keeps each terminal's last finished command, with output arriving after its end", async () => {
    const errors: unknown[] = [];
    const recorder = new TerminalRecorder<object>((error) => errors.push(error));
    const shell = {};
    const other = {};
    const first = new FakeExecution('npm test', '/work/app');
    recorder.started(shell, first);
    first.write(`${esc}[32m✓${esc}[0m 3 passing\r\n`);
    await settle();
    assert.equal(recorder.lastCommand(shell), undefined, 'a running command is not the last finished one');
    recorder.ended(shell, first, 0);
    first.write('tail\r\n');
    first.end();
    await settle();

    const second = new FakeExecution('ls', undefined);
    recorder.started(other, second);
    recorder.ended(other, second, undefined);
    second.end();
    await settle();

    assert.deepStrictEqual(
      { shell: recorder.lastCommand(shell), other: recorder.lastCommand(other), errors, reads: first.reads },
      {
        shell: { commandLine: 'npm test', cwd: '/work/app', exitCode: 0, output: { text: '✓ 3 passing\ntail\n', cutCharacters: 0 } },
        other: { commandLine: 'ls', cwd: undefined, exitCode: undefined, output: { text: '', cutCharacters: 0 } },
        errors: [],
        reads: 1,
      },
    );
    const last = recorder.lastCommand(shell);
    assert.ok(last !== undefined);
    assert.equal(commandText(last), '$ npm test\n(in /work/app, exit code 0)\n✓ 3 passing\ntail');
  });

  it('records a command whose start it missed, forgets closed terminals, and stops reading when disposed', async () => {
    const recorder = new TerminalRecorder<object>(() => undefined, 5);
    const terminal = {};
    const missed = new FakeExecution('make');
    recorder.ended(terminal, missed, 2);
    assert.deepStrictEqual(recorder.lastCommand(terminal), { commandLine: 'make', cwd: undefined, exitCode: 2, output: { text: '', cutCharacters: 0 } });
    assert.equal(commandText(recorder.lastCommand(terminal) ?? assert.fail()), '$ make\n(exit code 2)\n(no output)');

    recorder.closed(terminal);
    assert.equal(recorder.lastCommand(terminal), undefined);

    const long = new FakeExecution('yes');
    recorder.started(terminal, long);
    long.write('y\ny\ny\ny\n');
    await settle();
    recorder.ended(terminal, long, undefined);
    assert.equal(commandText(recorder.lastCommand(terminal) ?? assert.fail()), '$ yes\n… (the first 3 characters of the output were left out)\ny\ny');
    recorder.dispose();
    long.write('after');
    await settle();
    assert.equal(recorder.lastCommand(terminal), undefined);
  });

  it('reports a failing output stream instead of losing it', async () => {
    const errors: unknown[] = [];
    const recorder = new TerminalRecorder<object>((error) => errors.push(error));
    const broken: ShellExecution = {
      commandLine: { value: 'x' },
      cwd: undefined,
      read: () => ({
        [Symbol.asyncIterator]: () => ({ next: async () => Promise.reject(new Error('stream broke')) }),
      }),
    };
    recorder.started({}, broken);
    await settle();
    assert.deepStrictEqual(
      errors.map((error) => (error as Error).message),
      ['stream broke'],
    );
  });
});
