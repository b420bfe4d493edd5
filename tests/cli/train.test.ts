// `dlc train` as a user runs it: the real binary, on real specs.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from '../../compiler/emit/safetensors.ts';
import { readWeightsMetadata } from '../../compiler/emit/weights-metadata.ts';

const root = join(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-train-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dlc(args: string[], input = '') {
  const r = spawnSync(node, [join(root, 'bin/dlc.js'), ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const metric = '\\d+\\.\\d{4}';
const classLine = (prefix: string) => new RegExp(`^${prefix}  train loss ${metric} acc ${metric}  test loss ${metric} acc ${metric}`);

describe('dlc train', () => {
  it('prints a header, one line per epoch and the final metrics when not on a terminal', () => {
    const r = dlc(['train', 'specs/iris.dl', '--epochs', '3', '--backend', 'cpu']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Iris on iris: 120 training and 30 test examples, 3 epochs, cpu backend');
    expect(lines[1]).toMatch(classLine('epoch 1/3'));
    expect(lines[3]).toMatch(classLine('epoch 3/3'));
    expect(lines[4]).toMatch(classLine('final'));
    expect(lines[4].replace(/  in .*/, '')).toBe(lines[3].replace('epoch 3/3', 'final'));
  });

  it('prints loss alone for a regression with no test set', () => {
    const r = dlc(['train', 'specs/sine.dl', '--epochs', '2', '--backend', 'cpu']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('Wave on sine: 200 training examples, 2 epochs, cpu backend');
    expect(lines[2]).toMatch(new RegExp(`^epoch 2/2  train loss ${metric}$`));
  });

  it('--json prints one object: net, backend, epochs, final metrics, history, seconds; --seed changes the run', () => {
    const run = (seed: string) => JSON.parse(dlc(['train', 'specs/xor.dl', '--epochs', '4', '--seed', seed, '--backend', 'cpu', '--json']).stdout);
    const a = run('5');
    expect(a).toMatchObject({ net: 'Xor', backend: 'cpu', epochs: 4, stopped: 'done' });
    expect(a.history).toHaveLength(4);
    expect(a.history.map((h: { epoch: number }) => h.epoch)).toEqual([1, 2, 3, 4]);
    const last = a.history[3];
    expect(a.final).toEqual({ trainLoss: last.trainLoss, trainAccuracy: last.trainAccuracy, testLoss: last.testLoss, testAccuracy: last.testAccuracy });
    expect(a.seconds).toBeGreaterThan(0);
    expect(run('5').history.map((h: { trainLoss: number }) => h.trainLoss)).toEqual(a.history.map((h: { trainLoss: number }) => h.trainLoss));
    expect(run('6').history[0].trainLoss).not.toBe(a.history[0].trainLoss);
  });

  it('--save writes safetensors with the state_dict names and the standardisation', () => {
    const w = join(tmp, 'iris.safetensors');
    const r = dlc(['train', 'specs/iris.dl', '--epochs', '2', '--backend', 'cpu', '--save', w]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`saved the weights to ${w}`);
    const { tensors, metadata } = decodeSafetensors(readFileSync(w));
    expect(Object.keys(tensors)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias', 'layers.4.weight', 'layers.4.bias']);
    expect(tensors['layers.0.weight'].shape).toEqual([32, 4]);
    const info = readWeightsMetadata(metadata);
    expect(info).toMatchObject({ net: 'Iris', classes: ['setosa', 'versicolor', 'virginica'], epochs: 2, seed: 42 });
    expect(info.standardize?.mean).toHaveLength(4);
    expect(info.standardize!.mean[2]).toBeGreaterThan(3); // petal length, cm
  });

  it('a --save that cannot be written is an error before any training, not after it', () => {
    for (const [save, why] of [[join(tmp, 'missing', 'w.safetensors'), `the folder \`${join(tmp, 'missing')}\` does not exist`], [tmp, 'it is a directory']]) {
      const r = dlc(['train', 'specs/iris.dl', '--epochs', '2', '--backend', 'cpu', '--save', save]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`dlc train: error DL0898: cannot write \`${save}\`: ${why}\n`);
      expect(r.stdout).toBe(''); // not even the header: nothing was trained
    }
  });

  it('Ctrl-C stops after the current batch, reports it, exits 130 and still saves consistent weights', async () => {
    const w = join(tmp, 'digits.safetensors');
    const child = spawn(node, [join(root, 'bin/dlc.js'), 'train', 'specs/digits.dl', '--epochs', '200', '--backend', 'cpu', '--save', w], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((done) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (/^epoch +1\/200/m.test(stdout) && !child.killed) child.kill('SIGINT');
      });
      child.on('close', (c) => done(c));
    });
    expect(stderr).toContain('stopping after this batch');
    expect(code).toBe(130);
    const epochs = Number(/stopped by Ctrl-C after (\d+) of 200 epochs/.exec(stdout)?.[1]);
    expect(epochs).toBeGreaterThanOrEqual(1);
    expect(epochs).toBeLessThan(200);
    expect(stdout.split('\n').find((l) => l.startsWith('final'))).toMatch(classLine('final'));
    const { tensors, metadata } = decodeSafetensors(readFileSync(w));
    expect(Object.keys(tensors)).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.3.weight', 'layers.3.bias', 'layers.7.weight', 'layers.7.bias']);
    expect(Object.values(tensors).every((t) => Array.from(t.data).every(Number.isFinite))).toBe(true);
    expect(readWeightsMetadata(metadata).epochs).toBe(epochs);
  });

  it('on a terminal draws one progress line in place, then the final metrics', () => {
    // script(1) gives the command a pseudo-terminal, as a user's shell would.
    const cmd = `${node} ${join(root, 'bin/dlc.js')} train specs/iris.dl --epochs 30 --backend cpu`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\r\x1b\[2Kepoch +\d+\/30 [█░]{12}( \d+s left)?  loss \d\.\d{4}  acc \d\.\d{4}  test acc \d\.\d{4}/);
    expect(r.stdout).not.toMatch(/^epoch  1\/30  train loss/m);
    expect(r.stdout).toMatch(/final  train loss .* in \d+\.\d\d s/);
  });

  it('a loss that diverges stops with its code, the epoch and learning rate, exit 3, and saves nothing', () => {
    const spec = join(tmp, 'diverge.dl');
    writeFileSync(spec, 'net W < linear 1->32; relu; linear 32->1 >\ntrain W on sine < split 0; loss mse; optimizer sgd lr=50; batch 32; epochs 5 >\n');
    const w = join(tmp, 'diverged.safetensors');
    const r = dlc(['train', spec, '--backend', 'cpu', '--save', w]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/error DL083[01]: training diverged: the loss (became|reached) \S+ at epoch \d+(, batch \d+)?,( over 1000 times its starting value \S+,)? with sgd at learning rate 50\. Try a lower learning rate/);
    expect(r.stderr).toContain('weights not saved');
    expect(() => readFileSync(w)).toThrow();
  });

  it.each([
    [['train', 'specs/iris.dl', '--epochs', 'ten'], 2, 'dlc train: error DL0896: --epochs takes a whole number from 1 to 1,000,000, got `ten`'],
    [['train', 'specs/iris.dl', '--epochs', '1000000000'], 2, 'dlc train: error DL0896: --epochs takes a whole number from 1 to 1,000,000, got `1000000000`'],
    [['train', 'specs/iris.dl', '--seed=-1'], 2, 'dlc train: error DL0896: --seed takes a whole number from 0 to 4,294,967,295, got `-1`'],
    [['train', 'specs/iris.dl', '--backend', 'gpu'], 2, 'dlc train: error DL0896: --backend takes auto, cpu or wasm, got `gpu`'],
    [['train', 'specs/iris.dl', '--net', 'Nope'], 2, 'dlc train: error DL0841: no train block trains net `Nope`; the spec trains `Iris`'],
    [['train', 'specs/gelu-dropout-batchnorm.dl'], 2, 'dlc train: error DL0840: the spec has no train block\nhelp: add one such as `train'],
    [['train', 'specs/shape-error.dl'], 1, 'error DL'],
    [['train', 'missing.dl'], 2, 'dlc train: error DL0897: cannot read `missing.dl`: no such file'],
  ])('bad input %j: a clear message, exit %i, no stack trace', (args, code, message) => {
    const r = dlc(args as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a malformed CSV data set is an error naming the file and line, exit 1', () => {
    writeFileSync(join(tmp, 'bad.csv'), 'a,b,kind\n1,2,x\n3,four,y\n5,6,x\n');
    writeFileSync(join(tmp, 'bad.dl'), 'net N < linear 2->2 >\ntrain N on csv file="bad.csv" target=kind < loss cross_entropy; epochs 1 >\n');
    const r = dlc(['train', join(tmp, 'bad.dl'), '--backend', 'cpu']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.csv.*(line|row) 3/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
