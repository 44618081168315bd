/**
 * A seeded pseudo-random generator for tests that try many generated cases: the same seed makes
 * the same cases, so a failure found once is found again. The seed comes from SWITCHBOARD_SEED
 * when set (to replay a failure), else it is fresh for every run, and tests print it.
 */

export interface SeededRandom {
  readonly seed: number;
  /** In [0, 1). */
  next(): number;
  /** A whole number in [0, max). */
  integer(max: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
}

/** The seed to use: SWITCHBOARD_SEED when it is a number, else a fresh one. */
export function chooseSeed(): number {
  const given = Number(process.env['SWITCHBOARD_SEED']);
  return Number.isInteger(given) && given > 0 ? given : 1 + Math.floor(Math.random() * 0x7ffffffe);
}

/** xorshift32: small, fast, and good enough to spread test cases. */
export function seededRandom(seed: number): SeededRandom {
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return {
    seed,
    next,
    integer: (max) => Math.floor(next() * max),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    chance: (p) => next() < p,
  };
}
