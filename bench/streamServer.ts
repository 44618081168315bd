/**
 * Child-process entry: the benchmark's SSE server, in a process of its own so its CPU is not
 * counted against any client. Reports its port to the driver and lives until the driver leaves.
 */

import { startStreamServer } from './lib/server';
import type { ServerReady } from './lib/protocol';

async function main(): Promise<void> {
  const chunks = Number(process.env['BENCH_CHUNKS'] ?? '100000');
  const { server, port, bytes } = await startStreamServer(chunks);
  const ready: ServerReady = { type: 'ready', port, bytes };
  process.send?.(ready);
  // The driver closing the IPC channel (or dying) ends the server.
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
