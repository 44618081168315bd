/**
 * The chat controller's ports as tests fill them in: animation frames advanced by hand, a view
 * that records what it is sent, a log in memory, deterministic time and ids, and a model choice
 * with the catalogue's facts (a window a test sets wins).
 */

import { getModelInfo } from '../../src/core';
import type { ModelOption, ToWebview } from '../../src/protocol/messages';
import type { ChatEnvironment, ChatLog, ModelChoice, WebviewSink } from '../../src/shell/chat/ports';
import { modelFacts, type ModelFacts } from '../../src/shell/modelLimits';

/** Animation frames that run only when the test says so. */
export class ManualFrames {
  private queue: { flush: () => void; cancelled: boolean }[] = [];

  readonly schedule = (flush: () => void): { cancel(): void } => {
    const entry = { flush, cancelled: false };
    this.queue.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  };

  get pending(): number {
    return this.queue.filter((entry) => !entry.cancelled).length;
  }

  /** Runs the frames scheduled so far. */
  run(): void {
    for (const entry of this.queue.splice(0)) {
      if (!entry.cancelled) {
        entry.flush();
      }
    }
  }
}

const requestViewTypes: ReadonlySet<string> = new Set(['context/gauge', 'modelSettings/set', 'instructions/list', 'tools/list']);

export class RecordingSink implements WebviewSink {
  readonly messages: ToWebview[] = [];

  post(message: ToWebview): void {
    // A copy, as postMessage makes one: later changes on the host must not show here.
    this.messages.push(structuredClone(message));
  }

  types(): string[] {
    return this.messages.map((message) => message.type);
  }

  /**
   * The conversation's messages without the views of the next request (the gauge, Model Settings,
   * instruction files), which follow every change asynchronously and have tests of their own.
   */
  flow(): ToWebview[] {
    return this.messages.filter((message) => !requestViewTypes.has(message.type));
  }

  flowTypes(): string[] {
    return this.flow().map((message) => message.type);
  }

  /** The messages of one type, typed. */
  of<K extends ToWebview['type']>(type: K): Extract<ToWebview, { type: K }>[] {
    return this.messages.filter((message): message is Extract<ToWebview, { type: K }> => message.type === type);
  }

  clear(): void {
    this.messages.length = 0;
  }
}

export class MemoryLog implements ChatLog {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info: ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn: ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error: ${message}`);
  }
  debug(message: string): void {
    this.lines.push(`debug: ${message}`);
  }
}

/** Time advancing one second per call from a fixed start, ids `id-1`, `id-2`, … */
export class TestEnvironment implements ChatEnvironment {
  private time = Date.UTC(2026, 10, 25, 9, 0, 0);
  private ids = 0;
  readonly frames = new ManualFrames();
  readonly scheduleFrame = this.frames.schedule;

  constructor(private readonly prefix = 'id') {}

  now(): number {
    this.time += 1_000;
    return this.time;
  }

  newId(): string {
    return `${this.prefix}-${++this.ids}`;
  }
}

export class TestModels implements ModelChoice {
  readonly vision = new Set<string>();
  /** A `contextWindow` setting per model, as a provider's or endpoint's settings give it. */
  readonly windows = new Map<string, number>();

  constructor(public selected = 'mock/echo') {}

  current(): string {
    return this.selected;
  }

  async select(model: string): Promise<void> {
    this.selected = model;
  }

  options(): ModelOption[] {
    return [
      { id: 'mock/echo', label: 'Mock (instant)', provider: 'mock' },
      { id: 'mock/typewriter', label: 'Mock (streams at reading pace)', provider: 'mock' },
      { id: 'openai/gpt-4o-mini', label: 'GPT-4o mini', provider: 'openai', supportsVision: true },
    ];
  }

  supportsVision(model: string): boolean {
    return this.vision.has(model);
  }

  facts(model: string): ModelFacts {
    const window = this.windows.get(model);
    // A window set for the test wins over the catalogue's, as for a model the catalogue does not know.
    return window === undefined ? modelFacts(getModelInfo(model), undefined) : modelFacts({}, window);
  }
}
