import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { DatasetRef } from '../../compiler/graph/types.ts';
import { DatasetError, csvDataset, loadDataset } from '../../compiler/runtime/datasets/index.ts';

const ref = (name: string, options: Record<string, number | string> = {}): DatasetRef => ({
  name,
  options,
  exampleShape: null,
  target: null,
});

/** sklearn's own copy of a data set, as JSON, from Debian's python3-sklearn. */
function sklearn(loader: 'load_iris' | 'load_digits'): { x: number[][]; y: number[]; names: string[] } {
  const py = `import json, sklearn.datasets as d
b = d.${loader}()
print(json.dumps({"x": b.data.tolist(), "y": b.target.tolist(), "names": [str(t) for t in b.target_names]}))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

describe('iris and digits', () => {
  it('iris holds the same 150 rows as sklearn, species in its order', () => {
    const d = loadDataset(ref('iris'), { seed: 0 });
    const want = sklearn('load_iris');
    expect(d.n).toBe(150);
    expect(d.exampleShape).toEqual([4]);
    expect(d.target).toEqual({ kind: 'classes', classes: 3, names: want.names });
    expect(Array.from(d.y)).toEqual(want.y);
    expect(Array.from(d.x)).toEqual(want.x.flat().map(Math.fround));
  });

  it('digits holds the same 1797 images as sklearn, scaled to 0..1, shaped [1,8,8]', () => {
    const d = loadDataset(ref('digits'), { seed: 0 });
    const want = sklearn('load_digits');
    expect(d.n).toBe(1797);
    expect(d.exampleShape).toEqual([1, 8, 8]);
    expect(d.target.kind === 'classes' && d.target.classes).toBe(10);
    expect(Array.from(d.y)).toEqual(want.y);
    expect(Array.from(d.x)).toEqual(want.x.flat().map((v) => Math.fround(v / 16)));
    expect(Math.max(...d.x)).toBe(1);
  });
});

describe('generated data sets', () => {
  const generated = ['xor', 'circles', 'gauss', 'spiral', 'sine', 'delay'];

  it.each(generated)('%s is the same for the same seed and differs for another', (name) => {
    const a = loadDataset(ref(name), { seed: 7 });
    const b = loadDataset(ref(name), { seed: 7 });
    const c = loadDataset(ref(name), { seed: 8 });
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    expect(a.x.length).toBe(a.n * a.exampleShape.reduce((p, q) => p * q, 1));
    expect(a.y.length).toBe(a.n * (a.target.kind === 'regression' ? a.target.size : 1));
  });

  it.each(['xor', 'circles', 'gauss', 'spiral'])('%s has 400 points in the plane by default, balanced classes', (name) => {
    const d = loadDataset(ref(name), { seed: 1 });
    expect(d.n).toBe(400);
    expect(d.exampleShape).toEqual([2]);
    expect(d.target).toEqual({ kind: 'classes', classes: 2 });
    expect(Array.from(d.y).filter((c) => c === 1).length).toBe(200);
    const e = loadDataset(ref(name, { n: 31, noise: 0.1 }), { seed: 1 });
    expect(e.n).toBe(31);
  });

  it('xor: class 1 exactly where the signs differ, off the axes', () => {
    const d = loadDataset(ref('xor'), { seed: 3 });
    for (let i = 0; i < d.n; i++) {
      const [a, b] = [d.x[2 * i], d.x[2 * i + 1]];
      expect(Math.min(Math.abs(a), Math.abs(b))).toBeGreaterThanOrEqual(0.1 - 1e-6);
      expect(Math.max(Math.abs(a), Math.abs(b))).toBeLessThanOrEqual(1);
      expect(d.y[i]).toBe(a * b < 0 ? 1 : 0);
    }
  });

  it('circles: class 0 on radius 1, class 1 on radius 0.5; noise moves points off them', () => {
    const radius = (x: Float32Array, i: number) => Math.hypot(x[2 * i], x[2 * i + 1]);
    const d = loadDataset(ref('circles'), { seed: 3 });
    for (let i = 0; i < d.n; i++) expect(radius(d.x, i)).toBeCloseTo(d.y[i] === 0 ? 1 : 0.5, 5);
    const noisy = loadDataset(ref('circles', { noise: 0.1 }), { seed: 3 });
    const off = Array.from({ length: noisy.n }, (_, i) => Math.abs(radius(noisy.x, i) - (noisy.y[i] === 0 ? 1 : 0.5)));
    expect(off.reduce((p, q) => p + q) / noisy.n).toBeGreaterThan(0.04);
  });

  it('gauss: clouds around (-1,-1) and (1,1) with standard deviation 0.5', () => {
    const d = loadDataset(ref('gauss', { n: 4000 }), { seed: 3 });
    for (const cls of [0, 1]) {
      const xs = Array.from({ length: d.n }, (_, i) => i).filter((i) => d.y[i] === cls).map((i) => d.x[2 * i]);
      const mean = xs.reduce((p, q) => p + q) / xs.length;
      const sd = Math.sqrt(xs.reduce((p, q) => p + (q - mean) ** 2, 0) / xs.length);
      expect(mean).toBeCloseTo(cls === 0 ? -1 : 1, 1);
      expect(sd).toBeCloseTo(0.5, 1);
    }
  });

  it('spiral: two arms, each the other turned by half a turn', () => {
    const d = loadDataset(ref('spiral'), { seed: 3 });
    for (let i = 0; i < d.n; i++) {
      const [a, b] = [d.x[2 * i], d.x[2 * i + 1]];
      const r = Math.hypot(a, b);
      // On arm c the angle is 3.5 pi r + pi c (mod 2 pi).
      const want = 3.5 * Math.PI * r + Math.PI * d.y[i];
      expect(Math.abs(Math.cos(want) * r - a)).toBeLessThan(1e-5);
      expect(Math.abs(Math.sin(want) * r - b)).toBeLessThan(1e-5);
    }
  });

  it('sine: x in [-pi, pi], target sin(x); n and noise options', () => {
    const d = loadDataset(ref('sine'), { seed: 2 });
    expect(d.n).toBe(200);
    expect(d.target).toEqual({ kind: 'regression', size: 1 });
    for (let i = 0; i < d.n; i++) {
      expect(Math.abs(d.x[i])).toBeLessThanOrEqual(Math.PI);
      expect(d.y[i]).toBeCloseTo(Math.sin(d.x[i]), 6);
    }
    const noisy = loadDataset(ref('sine', { n: 50, noise: 0.2 }), { seed: 2 });
    expect(noisy.n).toBe(50);
    const err = Array.from(noisy.x, (v, i) => Math.abs(noisy.y[i] - Math.sin(v)));
    expect(Math.max(...err)).toBeGreaterThan(0.1);
  });

  it('delay: sequences of random bits, the class is the first bit', () => {
    const d = loadDataset(ref('delay', { steps: 5, n: 300 }), { seed: 2 });
    expect(d.exampleShape).toEqual([5, 1]);
    expect(d.n).toBe(300);
    expect(new Set(d.x)).toEqual(new Set([0, 1]));
    for (let i = 0; i < d.n; i++) expect(d.y[i]).toBe(d.x[i * 5]);
    const ones = Array.from(d.y).filter((c) => c === 1).length;
    expect(ones).toBeGreaterThan(100);
    expect(ones).toBeLessThan(200);
  });

  it('rejects unknown data sets and bad options with a message', () => {
    expect(() => loadDataset(ref('spirals'), { seed: 0 })).toThrow(/unknown data set spirals; the data sets are iris, digits/);
    expect(() => loadDataset(ref('spiral', { n: 0 }), { seed: 0 })).toThrow(/spiral: option n must be a whole number of at least 1, got 0/);
    expect(() => loadDataset(ref('sine', { noise: -1 }), { seed: 0 })).toThrow(/option noise must be a number of at least 0/);
    expect(() => loadDataset(ref('iris', { n: 3 }), { seed: 0 })).toThrow(/iris has no option n: it takes none/);
    expect(() => loadDataset(ref('delay', { noise: 1 }), { seed: 0 })).toThrow(DatasetError);
  });
});

describe('csv', () => {
  const flowers = 'length,width, kind\n1.5,0.2,rose\n"2.5", 1e-1 ,tulip\n\n3,0.5,"rose"\n';

  it('reads numeric features and a named class target, classes sorted', () => {
    const d = csvDataset(flowers, { file: 'f.csv', target: 'kind' });
    expect(d.exampleShape).toEqual([2]);
    expect(d.featureNames).toEqual(['length', 'width']);
    expect(Array.from(d.x)).toEqual([1.5, 0.2, 2.5, 0.1, 3, 0.5].map(Math.fround));
    expect(d.target).toEqual({ kind: 'classes', classes: 2, names: ['rose', 'tulip'] });
    expect(Array.from(d.y)).toEqual([0, 1, 0]);
  });

  it('a numeric target is a regression, or classes in numeric order when asked', () => {
    const text = 'a,b,y\n1,2,10\n3,4,9\n5,6,10.0\n';
    const r = csvDataset(text, { file: 'r.csv', target: 'y' });
    expect(r.target).toEqual({ kind: 'regression', size: 1 });
    expect(Array.from(r.y)).toEqual([10, 9, 10]);
    const c = csvDataset(text, { file: 'r.csv', target: 'y', want: 'classes' });
    expect(c.target).toEqual({ kind: 'classes', classes: 2, names: ['9', '10'] });
    expect(Array.from(c.y)).toEqual([1, 0, 1]);
  });

  it('the target defaults to the last column and may sit anywhere', () => {
    const d = csvDataset('y,a\n0.5,1\n0.25,2\n', { file: 'r.csv', target: 'y' });
    expect(Array.from(d.x)).toEqual([1, 2]);
    expect(Array.from(d.y)).toEqual([0.5, 0.25]);
    expect(csvDataset('a,y\n1,0.5\n', { file: 'r.csv' }).featureNames).toEqual(['a']);
  });

  type Bad = [string, string, { target: string; want?: 'classes' | 'regression' }, RegExp, number | undefined];
  const bad: Bad[] = [
    ['too few fields', 'a,b,y\n1,2,x\n3,4\n', { target: 'y' }, /^bad\.csv line 3: 2 fields, but the header has 3$/, 3],
    ['not a number', 'a,b,y\n1,2,x\n3,four,y\n', { target: 'y' }, /^bad\.csv line 3: column "b" is "four", not a number$/, 3],
    ['an empty feature', 'a,b,y\n1,,x\n', { target: 'y' }, /^bad\.csv line 2: column "b" is empty, not a number$/, 2],
    ['an unclosed quote', 'a,b,y\n1,2,"x\n', { target: 'y' }, /^bad\.csv line 2: a quoted field is not closed$/, 2],
    ['a stray quote', 'a,b,y\n1,2,x"y\n', { target: 'y' }, /^bad\.csv line 2: a quote inside an unquoted field$/, 2],
    ['a duplicate column', 'a,a,y\n1,2,x\n', { target: 'y' }, /^bad\.csv line 1: two columns are named "a"$/, 1],
    ['a missing target', 'a,b,y\n1,2,x\n', { target: 'kind' }, /^bad\.csv has no column "kind"; its columns are "a", "b", "y"$/, 1],
    ['one class', 'a,b,y\n1,2,x\n3,4,x\n', { target: 'y' }, /^bad\.csv: the target "y" has one class only \("x"\)/, undefined],
    ['no rows', 'a,b,y\n', { target: 'y' }, /^bad\.csv has a header but no rows$/, undefined],
    ['a name for a regression', 'a,y\n1,2\n3,x\n', { target: 'y', want: 'regression' }, /^bad\.csv line 3: the target "y" is "x", not a number/, 3],
  ];
  it.each(bad)('a malformed file (%s) is a DatasetError naming the line', (_, text, opts, message, line) => {
    let error: unknown;
    try {
      csvDataset(text, { file: 'bad.csv', ...opts });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toMatch(message);
    expect((error as DatasetError).line).toBe(line);
  });

  it('loadDataset reads the file through readFile and reports a file it cannot read', () => {
    const files: Record<string, string> = { 'f.csv': flowers };
    const readFile = (p: string) => {
      if (!(p in files)) throw new Error(`ENOENT: no such file or directory, open '${p}'`);
      return files[p];
    };
    const d = loadDataset(ref('csv', { file: 'f.csv', target: 'kind' }), { seed: 0, readFile });
    expect(d.n).toBe(3);
    expect(() => loadDataset(ref('csv', { file: 'g.csv', target: 'kind' }), { seed: 0, readFile })).toThrow(
      /^cannot read g\.csv: ENOENT: no such file or directory/,
    );
    expect(() => loadDataset(ref('csv', { file: 'f.csv' }), { seed: 0 })).toThrow(/cannot read f\.csv: no file access here/);
  });
});
