/**
 * Newline-delimited JSON (Ollama's streams): one JSON value per line, any byte split, blank
 * lines ignored, a last line without its newline still read.
 */

export type NdjsonSink = (value: unknown, line: string) => void;

export class NdjsonDecoder {
  private readonly textDecoder = new TextDecoder('utf-8');
  private pending = '';

  push(bytes: Uint8Array, sink: NdjsonSink): void {
    const scanFrom = this.pending.length;
    const text = scanFrom > 0 ? this.pending + this.textDecoder.decode(bytes, { stream: true }) : this.textDecoder.decode(bytes, { stream: true });
    let start = 0;
    let end = text.indexOf('\n', scanFrom);
    while (end !== -1) {
      this.line(text.slice(start, end), sink);
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    this.pending = start === 0 ? text : text.slice(start);
  }

  end(sink: NdjsonSink): void {
    const rest = this.pending + this.textDecoder.decode();
    this.pending = '';
    this.line(rest, sink);
  }

  private line(raw: string, sink: NdjsonSink): void {
    const line = raw.trim();
    if (line.length === 0) {
      return;
    }
    // A malformed line throws SyntaxError; the stream mapper turns it into a typed error.
    sink(JSON.parse(line) as unknown, line);
  }
}
