/** A seeded PRNG (mulberry32): the same seed replays the same chaos. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}

export type Random = ReturnType<typeof seeded>;

/** CHAOS_SEED overrides the suite's fixed seed (to explore); the figures in docs/chaos.md name the seed they came from. */
export function chaosSeed(fallback: number): number {
  const env = Number(process.env.CHAOS_SEED);
  return Number.isInteger(env) ? env : fallback;
}
