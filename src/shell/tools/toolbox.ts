/**
 * The one place tools are offered and run. It gathers the sources (the built-ins, each MCP server,
 * VS Code's), offers the enabled tools of each request under names every provider takes
 * (`toolNames.ts`), decides which call asks first (the built-in read-only tools may run without
 * asking; "Always Allow" is remembered per source and tool), and runs a call under Stop and the
 * time limit — a source that ignores both is not waited for: the call ends with a result saying
 * why, never a hang. Nothing here imports `vscode`.
 */

import { parseToolArguments, type Tool } from '../../core';
import type { ToolResultView, ToolSourceLabel, ToolSourceState, ToolsView, ToolSourceView } from '../../protocol/toolViews';
import type { ChatLog } from '../chat/ports';
import { errorText } from '../errorText';
import { Emitter, type Event } from '../event';
import { DisposableStore, type IDisposable } from '../lifecycle';
import type { ToolSettings } from '../toolSettings';
import { proposedToolName, ToolNameTable } from './toolNames';
import type { ToolPreferences } from './toolPreferences';
import { cappedText, errorResult, resultOf } from './toolResults';
import type { ToolDescriptor, ToolSource, ToolSourceList } from './toolTypes';

/** One tool of a request's offer: where it comes from and the name the model knows it by. */
export interface OfferedTool {
  source: ToolSource;
  descriptor: ToolDescriptor;
  label: ToolSourceLabel;
  modelName: string;
}

/** How a call ended: the tool answered (its result may be an error it reported), the call failed or broke, or Stop cancelled it. */
export interface ToolRun {
  state: 'done' | 'failed' | 'cancelled';
  result: ToolResultView;
}

/** The tools one request offers, and the way back from a name the model called. */
export interface ToolOffer {
  /** The tools in the request's format (empty when tools are off). */
  tools: Tool[];
  find(modelName: string): OfferedTool | undefined;
}

export interface ToolboxDeps {
  sources: ToolSourceList;
  preferences: ToolPreferences;
  settings: () => ToolSettings;
  log: ChatLog;
  /** How long a request waits for a source that starts on first use; it goes on starting after. */
  startWaitMs?: number;
  now?: () => number;
}

/** A description longer than this is cut: the model reads every word of every tool on every request. */
const descriptionLength = 2_000;

function labelOf(source: ToolSource): ToolSourceLabel {
  return { kind: source.kind, label: source.label, id: source.id };
}

function definition(modelName: string, descriptor: ToolDescriptor): Tool {
  const description = descriptor.description.length > descriptionLength ? `${descriptor.description.slice(0, descriptionLength)}…` : descriptor.description;
  return { type: 'function', function: { name: modelName, description, parameters: descriptor.inputSchema } };
}

/** A promise that rejects when `signal` aborts, so a call that ignores its signal is not waited for. */
function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = (): void => reject(new Error('The tool call was aborted.'));
    if (signal.aborted) {
      fail();
      return;
    }
    signal.addEventListener('abort', fail, { once: true });
  });
}

export class Toolbox implements IDisposable {
  private readonly changed = new Emitter<void>();
  private readonly subscriptions = new DisposableStore();
  private readonly sourceSubscriptions = new DisposableStore();
  /** Fires when a source, a tool list or a choice changed: the picker and the gauge follow. */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(private readonly deps: ToolboxDeps) {
    this.subscriptions.add(deps.sources.onDidChange(() => this.watchSources()));
    this.watchSources();
  }

  /** The picker's view: every source, its state and tools, and the user's choices. */
  view(modelSupportsTools: boolean): ToolsView {
    const settings = this.deps.settings();
    const { preferences } = this.deps;
    const names = this.offerOf((source, tool) => preferences.toolEnabled(source.id, tool.name));
    const sources: ToolSourceView[] = this.deps.sources.sources().map((source) => {
      const status = source.status();
      const view: ToolSourceView = {
        ...labelOf(source),
        enabled: preferences.sourceEnabled(source.id),
        state: status.state,
        tools: status.tools.map((tool) => ({
          name: tool.name,
          modelName: names.nameOf(source, tool) ?? proposedToolName(source.kind, source.label, tool.name),
          description: tool.description,
          enabled: preferences.toolEnabled(source.id, tool.name),
          alwaysAllowed: preferences.isAlwaysAllowed(source.id, tool.name),
          readOnly: tool.readOnly,
        })),
      };
      if (status.problem !== undefined) {
        view.problem = status.problem;
      }
      return view;
    });
    return { enabled: settings.enabled, modelSupportsTools, autoApproveReadOnly: settings.autoApproveReadOnly, sources };
  }

  /**
   * The tools the next request offers: the enabled tools of the enabled sources, starting a source
   * that starts on first use (waited for at most `startWaitMs`). Empty when tools are off.
   */
  async offer(): Promise<ToolOffer> {
    if (!this.deps.settings().enabled) {
      return { tools: [], find: () => undefined };
    }
    // A source that failed is not tried again on every request (a dead remote server would hold each
    // one up): opening the picker tries it again, and so does a change to its settings.
    await this.startEnabled((state) => state === 'notStarted');
    return this.known();
  }

  /** The offer as it stands, starting nothing (for the gauge). */
  known(): ToolOffer {
    if (!this.deps.settings().enabled) {
      return { tools: [], find: () => undefined };
    }
    const { preferences } = this.deps;
    const built = this.offerOf((source, tool) => preferences.toolEnabled(source.id, tool.name));
    return { tools: built.tools, find: (name) => built.table.find(name) };
  }

  /** Starts the enabled sources that start on first use, and tries the failed ones again (the picker opened). */
  async refresh(): Promise<void> {
    await this.startEnabled((state) => state !== 'ready');
  }

  /** True when a call of `tool` must be approved by the user first. */
  needsApproval(tool: OfferedTool): boolean {
    if (tool.descriptor.readOnly && tool.source.kind === 'builtin' && this.deps.settings().autoApproveReadOnly) {
      return false;
    }
    return !this.deps.preferences.isAlwaysAllowed(tool.source.id, tool.descriptor.name);
  }

  async allowAlways(tool: OfferedTool): Promise<void> {
    await this.deps.preferences.allowAlways(tool.source.id, tool.descriptor.name);
    this.changed.fire();
  }

  /** Switches a source (no `tool`) or one of its tools on or off. False when no such source or tool is listed. */
  async toggle(sourceId: string, tool: string | undefined, enabled: boolean): Promise<boolean> {
    const source = this.deps.sources.sources().find((candidate) => candidate.id === sourceId);
    if (source === undefined) {
      return false;
    }
    const tools = source.status().tools.map((descriptor) => descriptor.name);
    if (tool === undefined) {
      await this.deps.preferences.setSource(sourceId, enabled);
    } else if (tools.includes(tool)) {
      await this.deps.preferences.setTool(sourceId, tool, enabled, tools);
    } else {
      return false;
    }
    this.changed.fire();
    return true;
  }

  /** Takes back "Always Allow" (also for a tool no longer listed: the choice is the user's to clear). */
  async revoke(sourceId: string, tool: string): Promise<void> {
    await this.deps.preferences.revoke(sourceId, tool);
    this.changed.fire();
  }

  /**
   * Runs one call with the model's arguments (JSON text). Never rejects: bad arguments, a failure,
   * the time limit and Stop (`signal`) all end as a result the model reads.
   */
  async run(tool: OfferedTool, argumentsText: string, signal: AbortSignal): Promise<ToolRun> {
    const now = this.deps.now ?? Date.now;
    const started = now();
    const parsed = parseToolArguments(argumentsText);
    if (!parsed.ok) {
      return { state: 'failed', result: errorResult(`The arguments are ${parsed.problem}; call ${tool.modelName} again with a JSON object matching its schema.`, 0) };
    }
    const timeoutSeconds = this.deps.settings().timeoutSeconds;
    const timeoutMs = Math.round(timeoutSeconds * 1000);
    const controller = new AbortController();
    const stop = (): void => controller.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error('timeout'));
    }, timeoutMs);
    try {
      if (signal.aborted) {
        throw signal.reason;
      }
      const output = await Promise.race([tool.source.call(tool.descriptor.name, parsed.value, { signal: controller.signal, timeoutMs }), whenAborted(controller.signal)]);
      return { state: 'done', result: resultOf(output, now() - started) };
    } catch (error) {
      const elapsed = now() - started;
      if (signal.aborted) {
        return { state: 'cancelled', result: errorResult('The call was cancelled: the user stopped the answer.', elapsed) };
      }
      if (timedOut) {
        return { state: 'failed', result: errorResult(`The tool did not answer within ${timeoutSeconds} s and was cancelled.`, elapsed) };
      }
      this.deps.log.warn(`Tool ${tool.modelName} (${tool.label.label}) failed: ${errorText(error)}`);
      return { state: 'failed', result: errorResult(cappedText(`The tool failed: ${errorText(error)}`), elapsed) };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
    }
  }

  dispose(): void {
    this.sourceSubscriptions.dispose();
    this.subscriptions.dispose();
    this.changed.dispose();
  }

  private watchSources(): void {
    this.sourceSubscriptions.clear();
    for (const source of this.deps.sources.sources()) {
      this.sourceSubscriptions.add(source.onDidChange(() => this.changed.fire()));
    }
    this.changed.fire();
  }

  private async startEnabled(which: (state: ToolSourceState) => boolean): Promise<void> {
    const { preferences, log } = this.deps;
    const waitMs = this.deps.startWaitMs ?? 20_000;
    const starting = this.deps.sources
      .sources()
      .filter((source) => preferences.sourceEnabled(source.id) && which(source.status().state))
      .map((source) => source.start());
    if (starting.length === 0) {
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const waited = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), waitMs);
      // Only a wait: it must not keep a process alive whose requests were stopped.
      timer.unref?.();
    });
    const outcome = await Promise.race([Promise.all(starting), waited]);
    clearTimeout(timer);
    if (outcome === 'late') {
      log.info(`A tool source was still starting after ${waitMs} ms; this request goes without its tools.`);
    }
  }

  /** Names every listed tool `accept` takes, in the sources' order, so each request offers the same names in the same order. */
  private offerOf(accept: (source: ToolSource, tool: ToolDescriptor) => boolean): { tools: Tool[]; table: ToolNameTable<OfferedTool>; nameOf(source: ToolSource, tool: ToolDescriptor): string | undefined } {
    const table = new ToolNameTable<OfferedTool>();
    const tools: Tool[] = [];
    const names = new Map<string, string>();
    for (const source of this.deps.sources.sources()) {
      const status = source.status();
      if (status.state !== 'ready') {
        continue;
      }
      for (const descriptor of status.tools) {
        if (!accept(source, descriptor)) {
          continue;
        }
        const offered: OfferedTool = { source, descriptor, label: labelOf(source), modelName: '' };
        offered.modelName = table.add(proposedToolName(source.kind, source.label, descriptor.name), offered);
        names.set(`${source.id}\u0000${descriptor.name}`, offered.modelName);
        tools.push(definition(offered.modelName, descriptor));
      }
    }
    return { tools, table, nameOf: (source, tool) => names.get(`${source.id}\u0000${tool.name}`) };
  }
}
