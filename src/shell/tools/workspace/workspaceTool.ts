/**
 * What one built-in workspace tool is: its descriptor (name, description and JSON Schema the model
 * reads) and a function from checked arguments to the text of its result. A refusal — a wrong
 * argument, a file outside the workspace, no folder open — is a `ToolRefusal`, which the source
 * turns into an error result the model reads (`isError`), never an exception through the toolbox.
 */

import { describeValue } from '../../../core/jsonValues';
import type { ToolDescriptor, ToolInputSchema } from '../toolTypes';
import type { WorkspaceToolHost } from './workspaceToolHost';

/** A call the tool refuses or cannot answer; its message is the result the model reads. */
export class ToolRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolRefusal';
  }
}

export interface WorkspaceToolContext {
  host: WorkspaceToolHost;
  signal: AbortSignal;
}

export interface WorkspaceTool {
  descriptor: ToolDescriptor;
  run(args: ToolArgs, context: WorkspaceToolContext): Promise<string>;
}

/** A schema as the tools declare theirs: an object with these properties, no others. */
export function objectSchema(properties: Record<string, Record<string, unknown>>, required: readonly string[] = []): ToolInputSchema {
  return { type: 'object', properties, required: [...required], additionalProperties: false };
}

/**
 * The arguments of one call, read against the tool's schema: model output, so every value is
 * checked and a wrong one refused with its name. Unknown names are refused too (a misspelt
 * `start_line` silently ignored would read the wrong lines).
 */
export class ToolArgs {
  constructor(
    private readonly values: Record<string, unknown>,
    schema: ToolInputSchema,
  ) {
    const known = Object.keys((schema.properties as Record<string, unknown> | undefined) ?? {});
    const unknown = Object.keys(values).filter((name) => !known.includes(name));
    if (unknown.length > 0) {
      const expected = known.length === 0 ? 'it takes no arguments' : `it takes ${known.map((name) => `"${name}"`).join(', ')}`;
      throw new ToolRefusal(`Unknown argument ${unknown.map((name) => `"${name}"`).join(', ')}: ${expected}.`);
    }
  }

  private present(name: string): unknown {
    const value = this.values[name];
    return value === null ? undefined : value;
  }

  string(name: string, options: { required: true }): string;
  string(name: string, options?: { required?: false }): string | undefined;
  string(name: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.present(name);
    if (value === undefined) {
      if (options.required === true) {
        throw new ToolRefusal(`The argument "${name}" is required.`);
      }
      return undefined;
    }
    if (typeof value !== 'string') {
      throw new ToolRefusal(`The argument "${name}" must be a string, not ${describeValue(value)}.`);
    }
    if (options.required === true && value.trim() === '') {
      throw new ToolRefusal(`The argument "${name}" must not be empty.`);
    }
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.present(name);
    if (value === undefined || typeof value === 'boolean') {
      return value;
    }
    throw new ToolRefusal(`The argument "${name}" must be true or false, not ${describeValue(value)}.`);
  }

  /** A whole number of at least `min`; a numeric string ("12") is taken, as models often quote numbers. */
  integer(name: string, min: number): number | undefined {
    const value = this.present(name);
    if (value === undefined) {
      return undefined;
    }
    const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < min) {
      throw new ToolRefusal(`The argument "${name}" must be a whole number of at least ${min}, not ${typeof value === 'number' ? String(value) : describeValue(value)}.`);
    }
    return number;
  }
}
