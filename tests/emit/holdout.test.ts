// The exported program draws the validation set as dlc does (docs/language.md, "Held-out
// sets"): its split_data, run by PyTorch's Python, gives the rows dlc's runtime holds, and
// with stop_after it stops at the epoch dlc stops at and keeps the same epoch's weights.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { Dataset } from '../../compiler/runtime/api.ts';
import { holdOut, splitDataset } from '../../compiler/runtime/data.ts';
import { train } from '../../compiler/runtime/train.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';

const dir = mkdtempSync(join(tmpdir(), 'dlc-holdout-'));
const python = (script: string, args: string[] = []) =>
  execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 24 });

function graphOf(src: string) {
  const { graph, diagnostics } = compile(src);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return graph!;
}

/** Row numbers per set as dlc's runtime draws them. */
function dlcRows(n: number, split: number, validate: number, seed: number) {
  const index: Dataset = {
    name: 'rows', x: Float32Array.from({ length: n }, (_, i) => i), y: new Int32Array(n), n,
    exampleShape: [1], target: { kind: 'classes', classes: 2 },
  };
  const sets = holdOut(splitDataset(index, split, seed), validate, seed);
  const rows = (d: Dataset | null) => (d === null ? null : Array.from(d.x));
  return { train: rows(sets.train), validation: rows(sets.validation), test: rows(sets.test) };
}

describe('validate in the exported program', () => {
  it('holds the same training, validation and test rows as dlc', () => {
    const configs = [
      { n: 150, split: 0.2, validate: 0.2, seed: 42 },
      { n: 37, split: 0.1, validate: 0.3, seed: 5 },
      { n: 400, split: 0, validate: 0.25, seed: 0 },
      { n: 10, split: 0.15, validate: 0.15, seed: 3 },
      { n: 50, split: 0.3, validate: 0, seed: 7 },
    ];
    const files = configs.map((c, i) => {
      const g = graphOf(`net A < linear 2->2 >\ntrain A on xor n=${c.n} < split ${c.split}; validate ${c.validate}; seed ${c.seed} >`);
      const path = join(dir, `split_${i}.py`);
      writeFileSync(path, toPyTorch(g, { mode: 'program' }));
      return { path, ...c };
    });
    const got = JSON.parse(python(`import importlib.util, json, sys
import numpy as np
out = []
for f in json.loads(sys.argv[1]):
    spec = importlib.util.spec_from_file_location("exported", f["path"])
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    rows = np.arange(f["n"])
    (xtr, _), val, test = m.split_data(rows.reshape(-1, 1), rows, f["seed"])
    out.append({"train": xtr.reshape(-1).tolist(), "validation": None if val is None else val[1].tolist(),
                "test": None if test is None else test[1].tolist()})
print(json.dumps(out))`, [JSON.stringify(files)])) as unknown[];
    const want = configs.map((c) => dlcRows(c.n, c.split, c.validate, c.seed));
    expect(got).toEqual(want);
    // The counts are those the docs state: ceil of each fraction of all rows.
    expect(want[1].validation).toHaveLength(Math.ceil(0.3 * 37));
    expect(want[1].test).toHaveLength(Math.ceil(0.1 * 37));
    expect(new Set([...want[0].train!, ...want[0].validation!, ...want[0].test!]).size).toBe(150);
  });

  it('with stop_after, stops at the epoch dlc stops at and reports the kept epoch', async () => {
    const src = `net S < linear 2->16; relu; linear 16->2 >
train S on spiral n=120 noise=0.05 <
  split 0.25; validate 0.25; standardize;
  optimizer adam lr=0.05; batch 8; epochs 80; stop_after 4; seed 2
>`;
    const g = graphOf(src);
    const path = join(dir, 'stop.py');
    writeFileSync(path, toPyTorch(g, { mode: 'program' }));
    const out = execFileSync('/usr/bin/python3', [path], { encoding: 'utf8', cwd: dir }).trim().split('\n');
    const result = await train(g, { backend: 'cpu' });
    expect(result.stoppedEarly).toBe(true);
    expect(out[0]).toMatch(/^S on spiral: 60 training, 30 validation and 30 test examples, 80 epochs, PyTorch/);
    const epochLines = out.filter((l) => l.startsWith('epoch '));
    expect(epochLines).toHaveLength(result.epochs);
    expect(epochLines[0]).toMatch(/train loss \d\.\d{4} acc \d\.\d{4}  val loss \d\.\d{4} acc \d\.\d{4}  test loss/);
    expect(out).toContain(`stopped early after epoch ${result.epochs} of 80: no lower validation loss since epoch ${result.bestEpoch}; kept epoch ${result.bestEpoch}'s weights`);
    // The final line is the kept epoch's, to within the last printed digit.
    const finalVal = Number(/val loss (\d\.\d{4})/.exec(out[out.length - 1])![1]);
    expect(Math.abs(finalVal - result.final!.validationLoss!)).toBeLessThan(2e-4);
  });
});
