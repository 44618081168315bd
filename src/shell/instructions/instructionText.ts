/**
 * An instruction file's bytes as the text a request carries: strict UTF-8 (a file that is not
 * text is left out rather than sent as replacement characters), line ends made `\n`, the front
 * matter removed, and the rest cut at the cap on a line boundary.
 */

import { parseFrontMatter } from './frontMatter';

/** The most of one instruction file a request carries, in UTF-8 bytes (said in the UI). */
export const instructionCapBytes = 64 * 1024;

/**
 * A file larger than this is not read at all: `vscode.workspace.fs` reads whole files only, and an
 * instruction file of megabytes is a mistake, not instructions.
 */
export const instructionReadCeilingBytes = 4 * 1024 * 1024;

export interface ReadInstruction {
  applyTo?: string;
  /** The text after the front matter, cut at the cap, without trailing white space. */
  text: string;
  truncated: boolean;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const encoder = new TextEncoder();
const newline = 0x0a;

function isContinuationByte(byte: number | undefined): boolean {
  return byte !== undefined && (byte & 0xc0) === 0x80;
}

/**
 * `text` cut to at most `capBytes` UTF-8 bytes: at the last line end within the cap, or, when the
 * first line alone is longer, at the last whole character.
 */
export function capText(text: string, capBytes: number): { text: string; truncated: boolean } {
  const bytes = encoder.encode(text);
  if (bytes.length <= capBytes) {
    return { text, truncated: false };
  }
  let end = bytes.lastIndexOf(newline, capBytes - 1);
  if (end <= 0) {
    end = capBytes;
    while (end > 0 && isContinuationByte(bytes[end])) {
      end -= 1;
    }
  }
  return { text: decoder.decode(bytes.subarray(0, end)), truncated: true };
}

/** The instruction in `bytes`, or a reason it cannot be used (not UTF-8). */
export function readInstruction(bytes: Uint8Array, capBytes: number): ReadInstruction | { problem: string } {
  let decoded: string;
  try {
    decoded = decoder.decode(bytes);
  } catch {
    return { problem: 'it is not UTF-8 text' };
  }
  const { applyTo, body } = parseFrontMatter(decoded.replace(/\r\n?/g, '\n'));
  const capped = capText(body.replace(/^\n+/, '').trimEnd(), capBytes);
  const text = capped.text.trimEnd();
  return applyTo === undefined ? { text, truncated: capped.truncated } : { applyTo, text, truncated: capped.truncated };
}
