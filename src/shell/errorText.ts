/** An error's message for a log line or a notice (its stack only where asked for). */
export function errorText(error: unknown, withStack = false): string {
  if (error instanceof Error) {
    return withStack ? (error.stack ?? error.message) : error.message;
  }
  return String(error);
}
