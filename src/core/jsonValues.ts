/**
 * Reading values of unknown shape — provider bodies, callers' parameters, files — without `any`:
 * the one set of small guards the core and the extension share.
 */

/** A plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{...}` as a record, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** A string field, or undefined. */
export function stringField(record: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = record?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** What a value is, for a message about a wrong one: `null`, `an array`, `the string "…"`, `a number`. */
export function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `a ${typeof value}`;
}

/** Tool-call arguments read: the object, or why they are not one. */
export type ToolArguments = { ok: true; value: Record<string, unknown> } | { ok: false; problem: 'not valid JSON' | 'not a JSON object' };

/**
 * A tool call's arguments — JSON text on the OpenAI wire — as the object other wires and VS Code
 * want. Empty text is `{}` (a call without parameters); each caller decides what a bad one means.
 */
export function parseToolArguments(text: string): ToolArguments {
  if (text.trim().length === 0) {
    return { ok: true, value: {} };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'not valid JSON' };
  }
  return isRecord(parsed) ? { ok: true, value: parsed } : { ok: false, problem: 'not a JSON object' };
}
