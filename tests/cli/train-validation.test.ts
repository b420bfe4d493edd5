// `dlc train` with `validate` and `stop_after`: the real binary prints validation metrics
// between train and test, says where it stopped and which epoch's weights it kept, and
// --json carries the same; the progress line shows validation accuracy.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressLine } from '../../compiler/cli/commands/train-output.ts';

const root = join(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-train-val-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dlc(args: string[]) {
  const r = spawnSync(node, [join(root, 'bin/dlc.js'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SPEC = `net Iris <
  linear 4->32; relu;
  linear 32->16; relu;
  linear 16->3
>

train Iris on iris <
  split 0.2;
  validate 0.2;
  standardize;
  optimizer adam lr=0.01;
  batch 16;
  epochs 60;
  stop_after 5;
  seed 42
>
`;
const spec = join(tmp, 'iris-val.dl');
writeFileSync(spec, SPEC);
const m = '\\d+\\.\\d{4}';
const line = (prefix: string) => new RegExp(`^${prefix}  train loss ${m} acc ${m}  val loss ${m} acc ${m}  test loss ${m} acc ${m}`);

describe('dlc train with validate and stop_after', () => {
  it('prints validation beside train and test, stops early and reports the kept epoch as final', () => {
    const r = dlc(['train', spec, '--backend', 'cpu']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Iris on iris: 90 training, 30 validation and 30 test examples, 60 epochs, cpu backend');
    const epochs = lines.filter((l) => l.startsWith('epoch'));
    for (const [i, l] of epochs.entries()) expect(l).toMatch(line(`epoch ${String(i + 1).padStart(2)}/60`));
    const stop = /^stopped early after epoch (\d+) of 60: no lower validation loss since epoch (\d+); kept epoch \2's weights$/.exec(lines[lines.length - 2]);
    expect(stop).not.toBeNull();
    const [stoppedAt, best] = [Number(stop![1]), Number(stop![2])];
    expect(stoppedAt).toBe(epochs.length);
    expect(stoppedAt - best).toBe(5);
    expect(lines[lines.length - 1].replace(/  in .*/, '')).toBe(epochs[best - 1].replace(/^epoch +\d+\/60/, 'final'));
  });

  it('--json gives validation metrics per epoch, the best epoch and the kept metrics as final', () => {
    const r = dlc(['train', spec, '--backend', 'cpu', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ stopped: 'done', stoppedEarly: true });
    expect(out.epochs).toBe(out.history.length);
    expect(out.epochs).toBe(out.bestEpoch + 5);
    const best = out.history[out.bestEpoch - 1];
    const losses = out.history.map((h: { validationLoss: number }) => h.validationLoss);
    expect(Math.min(...losses)).toBe(best.validationLoss);
    expect(out.final).toEqual({
      trainLoss: best.trainLoss, trainAccuracy: best.trainAccuracy, testLoss: best.testLoss, testAccuracy: best.testAccuracy,
      validationLoss: best.validationLoss, validationAccuracy: best.validationAccuracy,
    });
  });

  it('the progress line shows validation accuracy between train and test', () => {
    const text = progressLine({ epoch: 3, epochs: 10, fraction: 0.5, loss: 0.5, accuracy: 0.8, testAccuracy: 0.7, validationAccuracy: 0.75, seconds: 1 }, 200);
    expect(text).toMatch(/loss 0\.5000  acc 0\.8000  val acc 0\.7500  test acc 0\.7000$/);
  });
});
