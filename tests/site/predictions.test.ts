// Every interactive a lesson uses is wrapped in <Predict> with a prediction that exists, so
// no interactive runs before the learner is asked what they expect.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { predictions, predictionsSchema } from '../../site/content/predictions/predictions.ts';
import { readPredictions, recordPrediction } from '../../site/islands/predict/predict-store.ts';

const dir = new URL('../../site/content/lessons/', import.meta.url);
const lessons = readdirSync(dir).filter((f) => f.endsWith('.mdx')).map((f) => [f, readFileSync(new URL(f, dir), 'utf8')] as const);

describe('predictions', () => {
  test('every interactive in a lesson sits inside <Predict id> with a known prediction, and every prediction is used', () => {
    const used: string[] = [];
    let interactives = 0;
    for (const [file, text] of lessons) {
      const imported = [...text.matchAll(/^import (\w+) from '[^']*islands\/interactives\/\w+\.astro';$/gm)].map((m) => m[1]);
      for (const name of imported) {
        const uses = [...text.matchAll(new RegExp(`<${name}\\b[^>]*/>`, 'g'))];
        for (const use of uses) {
          interactives++;
          const line = text.slice(text.lastIndexOf('\n', use.index) + 1, text.indexOf('\n', use.index));
          const wrapped = /^<Predict id="([a-z0-9-]+)">\s*<\w+[^>]*\/>\s*<\/Predict>$/.exec(line.trim());
          expect(wrapped, `${file}: <${name} /> is not wrapped in <Predict id="...">`).not.toBeNull();
          expect(Object.keys(predictions), `${file}: <Predict id="${wrapped![1]}">`).toContain(wrapped![1]);
          used.push(wrapped![1]);
        }
      }
    }
    expect(interactives).toBeGreaterThanOrEqual(9);
    expect(new Set(used)).toEqual(new Set(Object.keys(predictions)));
  });

  test('a prediction whose answer is not one of its options is rejected', () => {
    const bad = { x: { question: 'q', options: ['a', 'b'], answer: 2, outcome: 'o' } };
    expect(predictionsSchema.safeParse(bad).error?.issues[0].message).toBe('answer must be the index of one of the options');
  });

  test('predictions are kept per interactive, and junk in storage is replaced rather than trusted', () => {
    const items = new Map<string, string>();
    const storage = { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
    expect(recordPrediction(storage, 'gd-variants', 0)).toBe(true);
    expect(recordPrediction(storage, 'learning-rate', 2)).toBe(true);
    expect(readPredictions(storage)).toEqual({ status: 'ok', value: { 'gd-variants': 0, 'learning-rate': 2 } });
    items.set('dlc:predictions', '[1,2]');
    expect(readPredictions(storage).status).toBe('corrupted');
    expect(recordPrediction(storage, 'gd-variants', 1)).toBe(true);
    expect(readPredictions(storage)).toEqual({ status: 'ok', value: { 'gd-variants': 1 } });
  });
});
