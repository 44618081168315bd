/**
 * The memory figure beside the limits: this Node process's peak resident set (`maxRSS`, a
 * high-water mark over the process's life, so it is read before and after the bombs and both are
 * printed). It is what the host would pay for reading a bomb, measured here rather than asserted:
 * the tests assert on what the server managed to send, which does not depend on the machine.
 */

/** The process's peak resident set so far, in MiB. */
export function peakRssMebibytes(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** `[label, value]` pairs for a figure's `measures`. */
export function peakMeasures(before: number, after: number, largest: string): Array<[string, string]> {
  return [
    ['Node test process peak RSS before the bombs', `${before} MiB`],
    [`Node test process peak RSS after ${largest}`, `${after} MiB`],
  ];
}
