/**
 * Where a growing markdown text can be cut: the blocks before the cut are complete (nothing
 * written later changes them), so a streaming answer renders them once and keeps them.
 */

/**
 * The length of the prefix of `source` made of complete top-level blocks: up to the last blank
 * line (outside a code fence) that a line starting at column 0 follows. Text after it can still
 * change the block it is in; text before it cannot, so it is rendered once and kept.
 */
export function completeBlocksLength(source: string): number {
  let boundary = 0;
  let fence: { marker: string; length: number } | undefined;
  let previousBlank = false;
  let position = 0;
  while (position < source.length) {
    const end = source.indexOf('\n', position);
    if (end === -1) {
      // The last line is still being written: it decides nothing yet, except that it exists.
      if (fence === undefined && previousBlank && startsAtColumnZero(source, position)) {
        boundary = position;
      }
      break;
    }
    const line = source.slice(position, end);
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === undefined && previousBlank && line.trim() !== '' && startsAtColumnZero(source, position)) {
      boundary = position;
    }
    if (fenceMatch !== undefined && fenceMatch !== null) {
      const run = fenceMatch[1]!;
      if (fence === undefined) {
        fence = { marker: run[0]!, length: run.length };
      } else if (run[0] === fence.marker && run.length >= fence.length && line.trim() === run) {
        fence = undefined;
      }
    }
    previousBlank = fence === undefined && line.trim() === '';
    position = end + 1;
  }
  return boundary;
}

function startsAtColumnZero(source: string, position: number): boolean {
  const first = source[position];
  return first !== undefined && first !== ' ' && first !== '\t' && first !== '\n';
}
