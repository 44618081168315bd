/**
 * Work over many items, a few at a time: reading thousands of conversation files one after
 * another waits on the disk for each, and reading them all at once opens thousands of files.
 */

/** Runs `work` on every item, at most `limit` at once; resolves when all have ended, rejects with the first failure. */
export async function forEachFewAtOnce<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      await work(items[next++] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
