/** Rendering one SSE event, the two ways the SSE wires frame them. */

/** A `data:` line only (OpenAI chat completions). */
export function dataEvent(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** An `event:` line naming the payload's `type`, then its `data:` (Anthropic, OpenAI Responses). */
export function namedEvent(payload: { type: string; [field: string]: unknown }): string {
  return `event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`;
}
