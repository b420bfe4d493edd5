// Which questions an attempt shows and in what order their options appear: a pure function
// of the pool and a seed, so a retake (a new seed) is a different sheet, and a test can ask
// for exactly the sheet it checks (the assessment page reads `?seed=N`).

/** What the draw needs to know about a question of the pool. */
export interface PoolQuestion {
  id: string;
  takeaway: number;
  /** Number of options. */
  options: number;
}

export interface DrawnQuestion {
  id: string;
  /** The question's option indices in the order to show them. */
  order: number[];
}

export interface Sheet {
  seed: number;
  questions: DrawnQuestion[];
}

/** mulberry32: a small, fast 32-bit generator; plenty for shuffling a quiz, and the same in every browser. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Draws `count` questions on `count` different takeaways (which takeaways, and which of
 * their questions, chosen at random) and shuffles each question's options.
 *
 * ```ts
 * drawSheet(pool, 5, 42).questions.map((q) => q.id); // five ids, five takeaways
 * ```
 */
export function drawSheet(pool: readonly PoolQuestion[], count: number, seed: number): Sheet {
  const random = seededRandom(seed);
  const byTakeaway = new Map<number, PoolQuestion[]>();
  for (const q of pool) byTakeaway.set(q.takeaway, [...(byTakeaway.get(q.takeaway) ?? []), q]);
  const takeaways = shuffle([...byTakeaway.keys()].sort((a, b) => a - b), random);
  if (takeaways.length < count) {
    throw new Error(`the pool covers ${takeaways.length} takeaways; a sheet of ${count} needs ${count}`);
  }
  const questions = takeaways.slice(0, count).map((t) => {
    const candidates = byTakeaway.get(t)!;
    const q = candidates[Math.floor(random() * candidates.length)]!;
    return { id: q.id, order: shuffle([...Array(q.options).keys()], random) };
  });
  return { seed: seed >>> 0, questions };
}

/** The seed a `?seed=` value asks for, or null when it is missing or not a whole number in range. */
export function parseSeed(value: string | null | undefined): number | null {
  if (value == null || !/^\d{1,10}$/.test(value)) return null;
  const n = Number(value);
  return n <= 0xffffffff ? n : null;
}
