/**
 * The webview is untrusted, and some of what a compromised one could post is well-formed: the
 * host cannot tell it from a click, so it bounds what each message does. Forged messages
 * (hostMessages/forgedMessages.ts) go through the real router to the real controller and the
 * real code buttons (`CodeActions` over a recorded editor whose user declines every modal
 * question), and each must be contained: a mail link opens as one address, a huge block is not
 * inserted or opened, attachments past the budget reach neither the model nor the conversation
 * and the user is told, a fence language named like an Object member opens plain text, an
 * instruction file the chat never listed is neither opened nor switched off, a tool the chat never
 * offered is neither switched off nor run nor allowed, with no throw, no error logged and no
 * prototype touched. The figure is messages that got through /
 * messages tried, with each family's count beside it.
 */

import assert from 'node:assert/strict';
import { coreCompletions, countingCompletions, useChatRigs, type ChatRig } from '../../helpers/chatHarness';
import { RecordingEditor, routerWithEditor } from '../../shell/chat/editorFakes';
import { recordFigure } from '../figures';
import type { InstructionFiles } from '../../../src/shell/chat/ports';
import { FunctionToolSource, MemoryState, testToolbox, text } from '../../helpers/toolSources';
import { containedMailLink, forgedFamilies, forgedMessages, listedInstruction, listedTool, listedToolSource, type ForgedMessage } from './hostMessages/forgedMessages';

/** The own keys of the prototypes every value shares: a polluting message would add one. */
function prototypes(): string {
  return JSON.stringify([Object.prototype, Array.prototype, Function.prototype, String.prototype].map((prototype) => Reflect.ownKeys(prototype).map(String).sort()));
}

interface Host {
  rig: ChatRig;
  editor: RecordingEditor;
  receive: (message: unknown) => Promise<void>;
  /** Instruction files opened (`['openInstruction', path]`). */
  opened: unknown[][];
  /** Requests the model was asked. */
  asked: () => number;
  /** The remembered tool choices (switched off, Always Allow), and the calls the offered tool ran. */
  toolMemory: MemoryState;
  toolSource: FunctionToolSource;
}

/** What shows `forged` got through, judged on what the host did while handling it; undefined when contained. */
interface Done {
  calls: unknown[][];
  posted: string[];
  notices: string[];
  asked: number;
  errors: string[];
  disabled: readonly string[];
  /** The tool choices changed, or the offered tool ran. */
  toolChoicesChanged?: boolean;
  toolsRun?: number;
  threw?: string;
}

function judge(forged: ForgedMessage, done: Done): string | undefined {
  if (done.threw !== undefined) {
    return `threw ${done.threw}`;
  }
  if (done.errors.length > 0) {
    return `logged an error: ${done.errors[0]?.slice(0, 160)}`;
  }
  switch (forged.family) {
    case 'mailto with a query': {
      const opened = done.calls.filter((call) => call[0] === 'openExternal').map((call) => String(call[1]));
      const loose = opened.filter((link) => !containedMailLink.test(link));
      return loose.length === 0 ? undefined : `opened ${loose[0]?.slice(0, 120)}`;
    }
    case 'oversized insert or new file, not confirmed': {
      const used = done.calls.filter((call) => call[0] === 'insert' || call[0] === 'openUntitled');
      if (used.length > 0) {
        return `${String(used[0]?.[0])} reached the editor`;
      }
      return done.calls.some((call) => call[0] === 'confirm') ? undefined : 'the user was not asked';
    }
    case 'too many attachments':
    case 'attachments too large in total':
      if (done.asked > 0 || done.posted.includes('chat/appended')) {
        return `reached the ${done.asked > 0 ? 'model' : 'conversation'}`;
      }
      return done.notices.some((notice) => /at most/.test(notice)) ? undefined : 'refused without telling the user';
    case 'New file with an Object-member language': {
      const opened = done.calls.filter((call) => call[0] === 'openUntitled');
      return opened.length === 1 && opened[0]?.[2] === 'plaintext' ? undefined : `opened ${JSON.stringify(opened.map((call) => call[2]))}`;
    }
    case 'instruction file the chat did not list': {
      const opened = done.calls.filter((call) => call[0] === 'openInstruction');
      if (opened.length > 0) {
        return `opened ${String(opened[0]?.[1])}`;
      }
      return done.disabled.length === 0 ? undefined : `switched off ${done.disabled.join(', ')}`;
    }
    case 'tool switch or approval the chat did not offer':
      if ((done.toolsRun ?? 0) > 0) {
        return 'ran a tool';
      }
      return done.toolChoicesChanged === true ? 'changed the tool choices' : undefined;
  }
}

/** Instruction files as the host lists them: one file; opening one is recorded in `calls`. */
function instructionFiles(calls: unknown[][]): InstructionFiles {
  return {
    capBytes: 65_536,
    find: async () => [{ path: listedInstruction, text: 'Use npm.', truncated: false }],
    onDidChange: () => ({ dispose: () => undefined }),
    open: async (path) => {
      calls.push(['openInstruction', path]);
    },
  };
}

describe('hardening: forged but well-formed messages from the webview are contained by the host', function () {
  this.timeout(120_000);
  const rigs = useChatRigs();

  async function host(): Promise<Host> {
    const { client, asked } = countingCompletions(coreCompletions(rigs.client()));
    const editor = new RecordingEditor();
    const opened: unknown[][] = [];
    const toolMemory = new MemoryState();
    const toolSource = new FunctionToolSource(listedToolSource, 'mcp', 'files', { [listedTool]: { run: () => text('written') } });
    const box = testToolbox([toolSource], {}, toolMemory);
    const rig = await rigs.rig({ client, instructions: instructionFiles(opened), tools: { toolbox: box.toolbox, settings: () => box.settings.value } });
    await rig.open();
    const router = routerWithEditor(rig.controller, editor, rig.log);
    return { rig, editor, receive: (message) => router.receive(message), asked, opened, toolMemory, toolSource };
  }

  /** Sends one forged message, as VS Code's channel delivers it (JSON), and judges what the host did. */
  async function attempt(target: Host, forged: ForgedMessage): Promise<string | undefined> {
    const { rig, editor } = target;
    rig.sink.clear();
    editor.calls.length = 0;
    target.opened.length = 0;
    const lines = rig.log.lines.length;
    const askedBefore = target.asked();
    const choicesBefore = JSON.stringify([...target.toolMemory.values]);
    const runBefore = target.toolSource.calls.length;
    let threw: string | undefined;
    try {
      await target.receive(JSON.parse(JSON.stringify(forged.message)));
      await rig.controller.idle();
    } catch (error) {
      threw = String(error);
    }
    const errors = rig.log.lines.slice(lines).filter((line) => line.startsWith('error:'));
    const disabled = (await rig.controller.conversation())?.disabledInstructions ?? [];
    return judge(forged, {
      disabled,
      calls: [...editor.calls, ...target.opened],
      posted: rig.sink.types(),
      notices: rig.sink.of('notice').map((notice) => notice.message),
      asked: target.asked() - askedBefore,
      errors,
      toolChoicesChanged: JSON.stringify([...target.toolMemory.values]) !== choicesBefore,
      toolsRun: target.toolSource.calls.length - runBefore,
      ...(threw === undefined ? {} : { threw }),
    });
  }

  it('contains every one: nothing opened, inserted, attached or sent that should not be', async () => {
    const target = await host();
    const before = prototypes();
    const forged = forgedMessages();
    const failures: string[] = [];
    const badByFamily = new Map<string, [number, number]>(forgedFamilies.map((family) => [family, [0, 0]]));
    for (const message of forged) {
      let outcome = await attempt(target, message);
      if (prototypes() !== before) {
        outcome = 'touched a shared prototype';
      }
      const counts = badByFamily.get(message.family) as [number, number];
      counts[1]++;
      if (outcome !== undefined) {
        counts[0]++;
        failures.push(`${message.family}: ${message.how}: ${outcome}`);
      }
    }
    recordFigure({
      area: 'input',
      part: 'webview → host, forged but well-formed',
      bad: failures.length,
      tried: forged.length,
      failures,
      measures: [...badByFamily].map(([family, [bad, tried]]): [string, string] => [family, `${bad} / ${tried} got through`]),
    });
    assert.deepStrictEqual(failures, []);
    assert.equal(target.rig.store.saves, 0, 'no forged message was saved as a question');
  });

  it('the judge is not blind: a user who confirms lets a huge insert through, and it is reported', async () => {
    const target = await host();
    target.editor.confirms = true;
    const oversized = forgedMessages().find((message) => message.message.type === 'code/insert') as ForgedMessage;
    assert.equal(await attempt(target, oversized), 'insert reached the editor');
    const plainLink: ForgedMessage = { family: 'mailto with a query', message: { type: 'link/open', href: 'mailto:someone@example.com' }, how: 'plain' };
    assert.equal(await attempt(target, plainLink), undefined);
    assert.equal(judge(plainLink, { calls: [['openExternal', 'mailto:someone@example.com?attach=x']], posted: [], notices: [], asked: 0, errors: [], disabled: [] }), 'opened mailto:someone@example.com?attach=x');
    const many = forgedMessages().find((message) => message.family === 'too many attachments') as ForgedMessage;
    assert.equal(judge(many, { calls: [], posted: ['chat/appended'], notices: [], asked: 1, errors: [], disabled: [] }), 'reached the model');
    // The file the chat listed is opened and switched off as asked: the judge sees both.
    const listed: ForgedMessage = { family: 'instruction file the chat did not list', message: { type: 'instructions/open', path: listedInstruction }, how: 'listed' };
    assert.equal(await attempt(target, listed), `opened ${listedInstruction}`);
    const off: ForgedMessage = { family: 'instruction file the chat did not list', message: { type: 'instructions/toggle', path: listedInstruction, enabled: false }, how: 'listed' };
    assert.equal(await attempt(target, off), `switched off ${listedInstruction}`);
    // The tool the chat offers is switched off as asked: the judge sees it.
    const toolOff: ForgedMessage = { family: 'tool switch or approval the chat did not offer', message: { type: 'tools/toggle', sourceId: listedToolSource, tool: listedTool, enabled: false }, how: 'listed' };
    assert.equal(await attempt(target, toolOff), 'changed the tool choices');
  });
});
