// Weights move between dlc and PyTorch: `dlc train --save` loads into the exported PyTorch
// program and predicts the same, and the program's `--save` loads into `dlc predict`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../compiler/runtime/datasets/index.ts';
import { compile } from '../../compiler/index.ts';

const root = join(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-weights-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return r.stdout;
}
const dlc = (...args: string[]) => run(node, [join(root, 'bin/dlc.js'), ...args]);
const python = (...args: string[]) => run('/usr/bin/python3', args);

type Row = { class: number; name: string; probabilities: number[] } | { output: number[] };

function expectSame(a: Row[], b: Row[]): void {
  expect(a.length).toBe(b.length);
  a.forEach((r, i) => {
    const s = b[i];
    if ('output' in r && 'output' in s) {
      r.output.forEach((v, k) => expect(Math.abs(v - s.output[k])).toBeLessThan(1e-4));
    } else if ('probabilities' in r && 'probabilities' in s) {
      expect(r.class).toBe(s.class);
      expect(r.name).toBe(s.name);
      r.probabilities.forEach((v, k) => expect(Math.abs(v - s.probabilities[k])).toBeLessThan(1e-4));
    } else {
      throw new Error(`row ${i} differs in kind`);
    }
  });
}

/** Inputs as CSV: every example of a spec's data set (raw units, as predict takes them). */
function inputsOf(spec: string, limit: number): string {
  const { graph } = compile(readFileSync(resolve(root, spec), 'utf8'), { readFile: (p) => readFileSync(join(root, 'specs', p), 'utf8') });
  const block = graph!.trains[0];
  const ds = loadDataset(block.dataset, { seed: block.seed, readFile: (p) => readFileSync(join(root, 'specs', p), 'utf8') });
  const w = ds.x.length / ds.n;
  const rows = Array.from({ length: Math.min(limit, ds.n) }, (_, i) => Array.from(ds.x.subarray(i * w, (i + 1) * w)).join(','));
  return `${rows.join('\n')}\n`;
}

// Every kind of layer that holds state, each both ways: linear with standardize (iris),
// conv (digits), lstm (delay), and batchnorm with its int64 counter, beside dropout and
// gelu (the Mixed net of specs/, trained on iris in a spec written here).
const mixed = join(tmp, 'mixed.dl');
writeFileSync(
  mixed,
  readFileSync(join(root, 'specs/gelu-dropout-batchnorm.dl'), 'utf8') +
    '\ntrain Mixed on iris < standardize; loss cross_entropy; optimizer adam lr=0.01; batch 16; epochs 3 >\n',
);
const cases: [string, string, string[]][] = [
  ['Iris', 'specs/iris.dl', ['--epochs', '20']],
  ['Digits', 'specs/digits.dl', ['--epochs', '1']],
  ['Gated', 'specs/delay.dl', ['--epochs', '1']],
  ['Mixed', mixed, []],
];

describe.each(cases)('%s', (net, spec, epochs) => {
  const program = join(tmp, `${net}.py`);
  const inputs = join(tmp, `${net}-inputs.csv`);

  it('dlc train --save -> PyTorch: the exported program predicts the same within 1e-4', () => {
    dlc('export', spec, '--to', 'pytorch', '--net', net, '-o', program);
    writeFileSync(inputs, inputsOf(spec, 200));
    const w = join(tmp, `${net}-dlc.safetensors`);
    dlc('train', spec, '--net', net, ...epochs, '--backend', 'cpu', '--save', w);
    const ours = JSON.parse(dlc('predict', spec, '--net', net, '--weights', w, '--input', inputs, '--json', '--backend', 'cpu')) as Row[];
    const theirs = JSON.parse(python(program, '--load', w, '--predict', inputs, '--json')) as Row[];
    expect(ours.length).toBeGreaterThan(10);
    expectSame(ours, theirs);
  });

  it('PyTorch --save -> dlc predict: the same predictions within 1e-4', () => {
    const w = join(tmp, `${net}-torch.safetensors`);
    const out = python(program, '--epochs', '1', '--save', w, '--predict', inputs, '--json').trim().split('\n');
    const theirs = JSON.parse(out[out.length - 1]) as Row[];
    const ours = JSON.parse(dlc('predict', spec, '--net', net, '--weights', w, '--input', inputs, '--json', '--backend', 'wasm')) as Row[];
    expectSame(ours, theirs);
  });
});
