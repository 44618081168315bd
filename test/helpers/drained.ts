/** Backpressure for the loopback servers that send more than a socket takes at once (benchmarks, bombs). */

import type { ServerResponse } from 'node:http';

/** Resolves when the socket takes more, or the client went away. */
export function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
