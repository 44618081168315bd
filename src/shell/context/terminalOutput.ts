/**
 * A terminal command's output as text a model can read: ANSI escape sequences (colours, cursor
 * moves, shell integration's OSC 633 marks) removed as the output streams in — a sequence may be
 * split between two chunks — and only the end of a long output kept, where failures are reported.
 */

type StripState = 'text' | 'escape' | 'csi' | 'string' | 'stringEscape' | 'charset';

const escape = '\u001b';
/** After ESC, these open a string (OSC, DCS, SOS, PM, APC) that runs until BEL or ESC \. */
const stringOpeners = new Set([']', 'P', 'X', '^', '_']);
/** After ESC, these designate a character set and take one more character. */
const charsetOpeners = new Set(['(', ')', '*', '+', '-', '.', '/', '#', '%']);

/** Removes escape sequences and control characters (tabs and line ends stay) from text fed in pieces. */
export class AnsiStripper {
  private state: StripState = 'text';

  push(chunk: string): string {
    let kept = '';
    for (const character of chunk) {
      const code = character.charCodeAt(0);
      switch (this.state) {
        case 'text':
          if (character === escape) {
            this.state = 'escape';
          } else if (code === 0x9b) {
            this.state = 'csi';
          } else if (code === 0x9d || code === 0x90) {
            this.state = 'string';
          } else if (character === '\t' || character === '\n' || character === '\r' || (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0))) {
            kept += character;
          }
          break;
        case 'escape':
          this.state = character === '[' ? 'csi' : stringOpeners.has(character) ? 'string' : charsetOpeners.has(character) ? 'charset' : 'text';
          break;
        case 'csi':
          // Parameters and intermediates are 0x20–0x3F; a final byte (0x40–0x7E) or anything else ends it.
          if (code < 0x20 || code > 0x3f) {
            this.state = 'text';
          }
          break;
        case 'string':
          if (code === 0x07 || code === 0x9c) {
            this.state = 'text';
          } else if (character === escape) {
            this.state = 'stringEscape';
          }
          break;
        case 'stringEscape':
          this.state = character === '\\' ? 'text' : 'string';
          break;
        case 'charset':
          this.state = 'text';
          break;
      }
    }
    return kept;
  }
}

/** `text` without escape sequences, in one piece. */
export function stripAnsi(text: string): string {
  return new AnsiStripper().push(text);
}

/**
 * Lines as the terminal showed them: `\r\n` is a line end, and a lone `\r` (a progress bar
 * redrawing its line) means only what was written after it is left on that line.
 */
export function settleCarriageReturns(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const withoutEnd = line.endsWith('\r') ? line.slice(0, -1) : line;
      const lastReturn = withoutEnd.lastIndexOf('\r');
      return lastReturn === -1 ? withoutEnd : withoutEnd.slice(lastReturn + 1);
    })
    .join('\n');
}

export interface CappedOutput {
  /** The last `cap` characters of the output, without escape sequences, lines settled. */
  text: string;
  /** How many characters were cut from its start (0 when nothing was). */
  cutCharacters: number;
}

/** Keeps the last `cap` characters of a stream of output, stripped as it arrives, in bounded memory. */
export class OutputBuffer {
  private readonly stripper = new AnsiStripper();
  private pieces: string[] = [];
  private length = 0;
  private cut = 0;

  constructor(private readonly cap: number) {}

  append(chunk: string): void {
    const text = this.stripper.push(chunk);
    if (text.length === 0) {
      return;
    }
    this.pieces.push(text);
    this.length += text.length;
    // Compacting only past twice the cap keeps appends amortised O(1) while memory stays bounded.
    if (this.length > 2 * this.cap) {
      this.compact();
    }
  }

  snapshot(): CappedOutput {
    this.compact();
    return { text: settleCarriageReturns(this.pieces.join('')), cutCharacters: this.cut };
  }

  private compact(): void {
    const joined = this.pieces.join('');
    const kept = joined.length > this.cap ? joined.slice(joined.length - this.cap) : joined;
    this.cut += joined.length - kept.length;
    this.pieces = kept.length === 0 ? [] : [kept];
    this.length = kept.length;
  }
}
