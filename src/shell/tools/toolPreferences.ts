/**
 * The user's choices in the tools picker, remembered across windows (`context.globalState`):
 * which sources and tools are switched off, and which tools were "Always Allow"ed. A tool is named
 * by its source's id and its own name there, so the choice survives a server renaming nothing but
 * its offered name, and "Always Allow" for one server's `delete` never covers another's.
 */

/** Where the choices survive restarts (`context.globalState` fits). */
export interface ToolMemory {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

const memoryKey = 'switchboard.tools.choices';

/** Sources off until the user switches them on: other extensions may register dozens of tools. */
const offByDefault: ReadonlySet<string> = new Set(['vscode']);

interface StoredChoices {
  /** Sources switched off (or, for the ones off by default, on: `enabledSources`). */
  disabledSources: string[];
  enabledSources: string[];
  disabledTools: string[];
  alwaysAllowed: string[];
}

function toolKey(sourceId: string, tool: string): string {
  return `${sourceId}\u0000${tool}`;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export class ToolPreferences {
  private readonly disabledSources: Set<string>;
  private readonly enabledSources: Set<string>;
  private readonly disabledTools: Set<string>;
  private readonly alwaysAllowed: Set<string>;

  constructor(private readonly memory: ToolMemory) {
    const stored = memory.get(memoryKey);
    const record = typeof stored === 'object' && stored !== null ? (stored as Partial<Record<keyof StoredChoices, unknown>>) : {};
    this.disabledSources = new Set(strings(record.disabledSources));
    this.enabledSources = new Set(strings(record.enabledSources));
    this.disabledTools = new Set(strings(record.disabledTools));
    this.alwaysAllowed = new Set(strings(record.alwaysAllowed));
  }

  sourceEnabled(sourceId: string): boolean {
    return offByDefault.has(sourceId) ? this.enabledSources.has(sourceId) : !this.disabledSources.has(sourceId);
  }

  toolEnabled(sourceId: string, tool: string): boolean {
    return this.sourceEnabled(sourceId) && !this.disabledTools.has(toolKey(sourceId, tool));
  }

  isAlwaysAllowed(sourceId: string, tool: string): boolean {
    return this.alwaysAllowed.has(toolKey(sourceId, tool));
  }

  /** Switches a whole source on or off; on, its tools are as they were chosen one by one. */
  async setSource(sourceId: string, enabled: boolean): Promise<void> {
    if (offByDefault.has(sourceId)) {
      toggle(this.enabledSources, sourceId, enabled);
    } else {
      toggle(this.disabledSources, sourceId, !enabled);
    }
    await this.save();
  }

  /**
   * Switches one tool on or off. Switching a tool on in a source that is off switches the source on
   * with only that tool (of `siblings`, the source's tools now) on: the user asked for this one.
   */
  async setTool(sourceId: string, tool: string, enabled: boolean, siblings: readonly string[]): Promise<void> {
    if (enabled && !this.sourceEnabled(sourceId)) {
      for (const sibling of siblings) {
        toggle(this.disabledTools, toolKey(sourceId, sibling), sibling !== tool);
      }
      await this.setSource(sourceId, true);
    }
    toggle(this.disabledTools, toolKey(sourceId, tool), !enabled);
    await this.save();
  }

  async allowAlways(sourceId: string, tool: string): Promise<void> {
    this.alwaysAllowed.add(toolKey(sourceId, tool));
    await this.save();
  }

  async revoke(sourceId: string, tool: string): Promise<void> {
    this.alwaysAllowed.delete(toolKey(sourceId, tool));
    await this.save();
  }

  private async save(): Promise<void> {
    const choices: StoredChoices = {
      disabledSources: [...this.disabledSources].sort(),
      enabledSources: [...this.enabledSources].sort(),
      disabledTools: [...this.disabledTools].sort(),
      alwaysAllowed: [...this.alwaysAllowed].sort(),
    };
    await this.memory.update(memoryKey, choices);
  }
}

function toggle(set: Set<string>, key: string, present: boolean): void {
  if (present) {
    set.add(key);
  } else {
    set.delete(key);
  }
}
