/**
 * Tool sources for tests of the toolbox and the chat's tool loop: real implementations of the
 * `ToolSource` port whose tools are functions the test writes (one that answers, one that throws,
 * one that never answers and ignores its signal, one that records the signal it was given), a
 * fixed list of sources, and an in-memory `globalState`.
 */

import { Emitter } from '../../src/shell/event';
import { defaultToolSettings, type ToolSettings } from '../../src/shell/toolSettings';
import { Toolbox } from '../../src/shell/tools/toolbox';
import { ToolPreferences, type ToolMemory } from '../../src/shell/tools/toolPreferences';
import type { ToolCallOptions, ToolDescriptor, ToolOutput, ToolSource, ToolSourceList, ToolSourceStatus } from '../../src/shell/tools/toolTypes';
import type { ToolSourceKind } from '../../src/protocol/toolViews';
import { MemoryLog } from './chatFakes';

export type ToolFunction = (args: Record<string, unknown>, options: ToolCallOptions) => Promise<ToolOutput> | ToolOutput;

export interface FunctionTool {
  description?: string;
  inputSchema?: Record<string, unknown>;
  readOnly?: boolean;
  run: ToolFunction;
}

/** A text result. */
export function text(value: string, isError = false): ToolOutput {
  return { content: [{ type: 'text', text: value }], isError };
}

/** A source whose tools are functions; `startsOnFirstUse` makes it start like an MCP server (`start()` lists them). */
export class FunctionToolSource implements ToolSource {
  readonly calls: { name: string; args: Record<string, unknown> }[] = [];
  private started: boolean;
  private readonly changed = new Emitter<void>();

  constructor(
    readonly id: string,
    readonly kind: ToolSourceKind,
    readonly label: string,
    private tools: Record<string, FunctionTool>,
    options: { startsOnFirstUse?: boolean } = {},
  ) {
    this.started = options.startsOnFirstUse !== true;
  }

  status(): ToolSourceStatus {
    return this.started ? { state: 'ready', tools: this.descriptors() } : { state: 'notStarted', tools: [] };
  }

  async start(): Promise<ToolSourceStatus> {
    this.started = true;
    this.changed.fire();
    return this.status();
  }

  async call(name: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolOutput> {
    this.calls.push({ name, args });
    const tool = this.tools[name];
    if (tool === undefined) {
      throw new Error(`no tool ${name}`);
    }
    return tool.run(args, options);
  }

  /** Replaces the tools (a server's `tools/list_changed`). */
  setTools(tools: Record<string, FunctionTool>): void {
    this.tools = tools;
    this.changed.fire();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changed.event(listener);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private descriptors(): ToolDescriptor[] {
    return Object.entries(this.tools).map(([name, tool]) => ({
      name,
      description: tool.description ?? `The ${name} tool.`,
      inputSchema: tool.inputSchema ?? { type: 'object', properties: {} },
      readOnly: tool.readOnly ?? false,
    }));
  }
}

export class FixedSources implements ToolSourceList {
  private readonly changed = new Emitter<void>();

  constructor(private list: ToolSource[]) {}

  sources(): readonly ToolSource[] {
    return this.list;
  }

  set(list: ToolSource[]): void {
    this.list = list;
    this.changed.fire();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.changed.event(listener);
  }
}

export class MemoryState implements ToolMemory {
  readonly values = new Map<string, unknown>();

  get(key: string): unknown {
    return this.values.get(key);
  }

  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
  }
}

/** A toolbox over `sources`, with settings the test may change (`settings.value`). */
export function testToolbox(sources: ToolSource[], overrides: Partial<ToolSettings> = {}, memory = new MemoryState(), startWaitMs = 2_000): { toolbox: Toolbox; settings: { value: ToolSettings }; list: FixedSources; memory: MemoryState; log: MemoryLog } {
  const settings = { value: { ...defaultToolSettings, ...overrides } };
  const list = new FixedSources(sources);
  const log = new MemoryLog();
  const toolbox = new Toolbox({ sources: list, preferences: new ToolPreferences(memory), settings: () => settings.value, log, startWaitMs });
  return { toolbox, settings, list, memory, log };
}
