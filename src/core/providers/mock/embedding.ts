/** FNV-1a: a stable 32-bit hash of the text, the seed of its vector. */
function hash(text: string): number {
  let value = 2166136261;
  for (let i = 0; i < text.length; i++) {
    value = Math.imul(value ^ text.charCodeAt(i), 16777619);
  }
  return value >>> 0;
}

/** mulberry32: a small seeded generator, so the same text always gets the same vector. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A unit-length vector that depends only on the text and the dimension count. */
export function mockEmbedding(text: string, dimensions: number): number[] {
  const next = generator(hash(text));
  const vector = Array.from({ length: dimensions }, () => next() * 2 - 1);
  const length = Math.hypot(...vector) || 1;
  return vector.map((value) => value / length);
}
