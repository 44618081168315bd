/**
 * The names the model is offered, and the way back. Providers disagree on what a tool's name may
 * be (OpenAI: `[a-zA-Z0-9_-]{1,64}`; Gemini: a letter or `_` first, 64 at most; Anthropic: 128),
 * so every name is made to fit all of them: the built-ins as they are, MCP tools as
 * `mcp__<server>__<tool>`, VS Code's tools by their own name — each with anything else replaced by
 * `_`, cut at 64 with a short hash of the original (two long names stay two), and numbered when two
 * sources would still offer the same name. The table built for one request maps each offered name
 * back to exactly one tool.
 */

import type { ToolSourceKind } from '../../protocol/toolViews';

/** The longest name every provider takes. */
export const maxToolNameLength = 64;

const allowed = /[^A-Za-z0-9_-]/g;

/** FNV-1a of the text, as 6 base-36 characters: enough to tell apart names cut at the same place. */
function shortHash(text: string): string {
  let hash = 2166136261;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 16777619);
  }
  return (hash >>> 0).toString(36).padStart(6, '0').slice(-6);
}

/** `text` with only the characters every provider takes, never empty. */
function clean(text: string): string {
  const cleaned = text.replace(allowed, '_');
  return cleaned.length === 0 ? '_' : cleaned;
}

/** Fits `name` to the providers' rules: a letter or `_` first, at most 64 characters. */
function fitted(name: string, original: string): string {
  const started = /^[A-Za-z_]/.test(name) ? name : `_${name}`;
  if (started.length <= maxToolNameLength) {
    return started;
  }
  const hash = shortHash(original);
  return `${started.slice(0, maxToolNameLength - hash.length - 1)}_${hash}`;
}

/** The name a tool is offered under before collisions are settled. */
export function proposedToolName(kind: ToolSourceKind, server: string, tool: string): string {
  if (kind === 'mcp') {
    const original = `mcp__${server}__${tool}`;
    return fitted(`mcp__${clean(server)}__${clean(tool)}`, original);
  }
  return fitted(clean(tool), tool);
}

/** The offered names of one request, each naming one tool. */
export class ToolNameTable<T> {
  private readonly byName = new Map<string, T>();

  /** Adds a tool and answers the name it is offered under (numbered when the name is taken). */
  add(proposed: string, tool: T): string {
    let name = proposed;
    for (let counter = 2; this.byName.has(name); counter++) {
      const suffix = `_${counter}`;
      name = `${proposed.slice(0, maxToolNameLength - suffix.length)}${suffix}`;
    }
    this.byName.set(name, tool);
    return name;
  }

  /** The tool offered under `name`, exactly; undefined for a name this request did not offer. */
  find(name: string): T | undefined {
    return this.byName.get(name);
  }

  get size(): number {
    return this.byName.size;
  }
}
