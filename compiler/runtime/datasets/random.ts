/**
 * The data sets' seeded generator: mulberry32 for uniforms, Box-Muller for normals.
 *
 * Chosen for being tiny and exact in 32-bit integer arithmetic, so the exported Python
 * program (`compiler/emit/pytorch.ts`) reimplements it in a few lines and regenerates the
 * very same `xor`, `spiral`, ... data as dlc from the same seed. Parameter initialisation
 * uses the runtime's own generator; this one only draws data.
 *
 * @example
 *   const rng = dataRng(42);
 *   rng.uniform();  // in [0, 1)
 *   rng.normal();   // standard normal
 */
export interface DataRng {
  /** Uniform in [0, 1), a multiple of 2^-32. */
  uniform(): number;
  /** Standard normal, one Box-Muller draw from two uniforms (the sine branch is not kept). */
  normal(): number;
}

export function dataRng(seed: number): DataRng {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    const u1 = 1 - uniform(); // in (0, 1]: log stays finite
    const u2 = uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
  return { uniform, normal };
}
