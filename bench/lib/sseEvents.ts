/** Rendering one SSE event, the ways the SSE wires frame them. */

/** A `data:` line only, its payload already written as JSON (Gemini's, in Google's spacing). */
export function jsonDataEvent(json: string): string {
  return `data: ${json}\n\n`;
}

/** A `data:` line only (OpenAI chat completions). */
export function dataEvent(payload: unknown): string {
  return jsonDataEvent(JSON.stringify(payload));
}

/** An `event:` line naming the payload's `type`, then its `data:` (Anthropic, OpenAI Responses). */
export function namedEvent(payload: { type: string; [field: string]: unknown }): string {
  return `event: ${payload.type}\ndata: ${JSON.stringify(payload)}\n\n`;
}
