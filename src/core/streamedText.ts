/**
 * Text that arrives in many small pieces (a stream's deltas), kept so that joining it costs its
 * length. `text += piece` would make a rope of one node per piece that lives as long as the
 * stream: every piece and node survives the young-generation collections and is copied into the
 * old one, which for a long answer cost more than parsing its chunks. Here the pieces wait in a
 * short array that is joined into one flat segment every `piecesPerSegment` pieces, so they die
 * young, and the segments are joined once when the text is read.
 */

const piecesPerSegment = 256;

export class StreamedText {
  private segments: string[] = [];
  private readonly pieces: string[] = [];

  append(piece: string): void {
    this.pieces.push(piece);
    if (this.pieces.length === piecesPerSegment) {
      this.segments.push(this.pieces.join(''));
      this.pieces.length = 0;
    }
  }

  /** The text so far. Reading it again costs only the segments that came since. */
  text(): string {
    if (this.segments.length > 1) {
      this.segments = [this.segments.join('')];
    }
    const head = this.segments.length === 0 ? '' : (this.segments[0] as string);
    if (this.pieces.length === 0) {
      return head;
    }
    return head + this.pieces.join('');
  }
}
