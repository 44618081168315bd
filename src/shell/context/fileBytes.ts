/**
 * A file's bytes judged and decoded as VS Code would show them: binary when a NUL byte appears in
 * its first 8,000 bytes (Git's own test) unless a UTF-16 byte-order mark says it is text.
 */

import { protocolLimits } from '../../protocol/messages';

const sniffLength = 8_000;

/** Bytes of the largest file read as text: a longer one has more characters than an attachment may carry, whatever its encoding. */
export const largestReadableFile = 4 * protocolLimits.attachmentTextLength;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

function encodingOf(bytes: Uint8Array): Encoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return 'utf-16le';
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return 'utf-16be';
  }
  return 'utf-8';
}

export function looksBinary(bytes: Uint8Array): boolean {
  return encodingOf(bytes) === 'utf-8' && bytes.subarray(0, sniffLength).includes(0);
}

/** The text of a file that does not look binary (a byte-order mark is dropped, invalid bytes become U+FFFD). */
export function decodeText(bytes: Uint8Array): string {
  return new TextDecoder(encodingOf(bytes)).decode(bytes);
}
