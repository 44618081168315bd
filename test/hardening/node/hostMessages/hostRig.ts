/**
 * The host side of the chat as the extension wires it, without VS Code: the real webview router
 * (guards first) in front of the real chat controller, on the real file store in a temporary
 * directory and the core's client (the offline mock model), with the shell's services recorded.
 * Its state — what a fresh view would be shown, every file of the store, the chosen model, the
 * settings, the built-in prototypes — can be read whole, to prove a message changed nothing.
 */

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '../../../../src/core';
import type { ToWebview } from '../../../../src/protocol/messages';
import { ChatController } from '../../../../src/shell/chat/controller';
import { FileConversationStore } from '../../../../src/shell/chat/conversationStore';
import type { ChatEnvironment } from '../../../../src/shell/chat/ports';
import { WebviewRouter, type ShellActions } from '../../../../src/shell/chat/webviewRouter';
import { readConfig, type SwitchboardConfig } from '../../../../src/shell/config';
import { coreCompletions } from '../../../helpers/chatHarness';
import { RecordingSink, TestModels } from '../../../helpers/chatFakes';
import { RecordingLog, settingsSource } from '../../../shell/shellFakes';

export interface HostState {
  /** The snapshot a view gets on `ready`: conversation, draft, banner, model, history. */
  view: ToWebview | undefined;
  files: Record<string, string>;
  model: string;
  settings: string;
  prototypes: string;
}

/** How the router starts the debug line of a message it refused. */
const droppedLine = 'Dropped a message from the chat view: ';

const shellActionNames: (keyof ShellActions)[] = [
  'copyCode', 'insertCode', 'openCodeInNewFile', 'openLink', 'exportConversation', 'setApiKey', 'selectModel', 'testConnection', 'showLogs', 'openSettings',
];

/** What a polluting message would change: the own properties of the prototypes every value shares. */
function prototypes(): string {
  const shared = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Number: Number.prototype };
  return JSON.stringify(Object.entries(shared).map(([name, prototype]) => [name, Reflect.ownKeys(prototype).map(String).sort()]));
}

/** Ids and time as the shell makes them; frames as the host has them (a timer of ~16 ms). */
class HostEnvironment implements ChatEnvironment {
  private ids = 0;
  private time = Date.UTC(2026, 0, 1);

  now(): number {
    this.time += 1_000;
    return this.time;
  }

  newId(): string {
    return `id-${++this.ids}`;
  }

  scheduleFrame(flush: () => void): { cancel(): void } {
    const timer = setTimeout(flush, 16);
    return { cancel: () => clearTimeout(timer) };
  }
}

export class HostRig {
  readonly sink = new RecordingSink();
  readonly log = new RecordingLog();
  /** Every call of a shell service, with its arguments. */
  readonly calls: unknown[][] = [];
  readonly models = new TestModels('mock/echo');
  readonly router: WebviewRouter;
  readonly controller: ChatController;
  private readonly client: Client;
  private readonly settings: SwitchboardConfig;

  private constructor(readonly directory: string) {
    this.client = createClient({ env: {} });
    this.settings = readConfig(settingsSource({ defaultModel: 'mock/echo', customEndpoints: [{ name: 'lab', baseUrl: 'http://127.0.0.1:9/v1' }] })).config;
    const store = new FileConversationStore({ directory, log: this.log });
    this.controller = new ChatController({ client: coreCompletions(this.client), store, models: this.models, log: this.log, env: new HostEnvironment() });
    const actions = Object.fromEntries(
      shellActionNames.map((name) => [
        name,
        async (...args: unknown[]): Promise<void> => {
          this.calls.push([name, ...args]);
        },
      ]),
    ) as unknown as ShellActions;
    let retries = 0;
    this.router = new WebviewRouter({ controller: this.controller, actions, log: this.log, config: () => this.settings, newId: () => `retry-${++retries}`, prepareRequest: () => undefined });
  }

  /** A host with history: two conversations answered, the second open, a draft and a banner showing. */
  static async withHistory(): Promise<HostRig> {
    const rig = new HostRig(await mkdtemp(join(tmpdir(), 'switchboard-host-messages-')));
    rig.controller.attachView(rig.sink);
    await rig.router.receive({ type: 'ready' });
    for (const [index, question] of ['What is a guard?', 'And a router?'].entries()) {
      if (index > 0) {
        await rig.router.receive({ type: 'chat/new' });
      }
      await rig.router.receive({ type: 'chat/send', requestId: `setup-${index}`, text: question, attachments: [] });
      await rig.controller.idle();
    }
    await rig.controller.setDraft({ text: 'half a question', attachments: [{ kind: 'file', name: 'notes.md', text: '# notes' }] });
    rig.controller.setBanner({ kind: 'info', message: 'A banner', actions: ['setApiKey'] });
    // The gauge the draft moved is posted before the storm starts.
    await rig.controller.idle();
    return rig;
  }

  /**
   * Hands one raw message to the router and says what went wrong, if anything: it was not dropped
   * at the door with one debug line, it reached the view or a shell service, or it threw.
   */
  async receiveAndJudge(value: unknown): Promise<string | undefined> {
    const lines = this.log.lines.length;
    const calls = this.calls.length;
    const posted = this.sink.messages.length;
    try {
      await this.router.receive(value);
    } catch (error) {
      return `threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
    }
    const added = this.log.lines.slice(lines);
    if (added.length !== 1 || added[0]?.level !== 'debug' || !added[0].message.startsWith(droppedLine)) {
      return `accepted (log: ${JSON.stringify(added.map((line) => `${line.level}: ${line.message.slice(0, 120)}`))})`;
    }
    if (this.sink.messages.length > posted || this.calls.length > calls) {
      return `reached the host: posted ${JSON.stringify(this.sink.types().slice(posted))}, called ${JSON.stringify(this.calls.slice(calls).map((call) => call[0]))}`;
    }
    return undefined;
  }

  /** The whole state; asking a view's snapshot posts one, which is taken back out of the sink. */
  async state(): Promise<HostState> {
    const posted = this.sink.messages.length;
    await this.router.receive({ type: 'ready' });
    // The gauge follows the snapshot: taken out with it, or the next message would seem to have posted it.
    await this.controller.idle();
    const view = this.sink.messages.splice(posted).find((message) => message.type === 'state/snapshot');
    const files: Record<string, string> = {};
    for (const name of (await readdir(this.directory)).sort()) {
      files[name] = await readFile(join(this.directory, name), 'utf8');
    }
    return { view, files, model: this.models.current(), settings: JSON.stringify(this.settings), prototypes: prototypes() };
  }

  async close(): Promise<void> {
    this.controller.dispose();
    await this.controller.idle();
    await this.client.close();
    await rm(this.directory, { recursive: true, force: true });
  }
}
