// `dlc predict` and `dlc export` as a user runs them: the real binary, real files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-predict-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function dlc(args: string[], input = '') {
  const r = spawnSync(node, [join(root, 'bin/dlc.js'), ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const iris = join(tmp, 'iris.safetensors');
const wave = join(tmp, 'wave.safetensors');

beforeAll(() => {
  expect(dlc(['train', 'specs/iris.dl', '--epochs', '30', '--backend', 'cpu', '--save', iris]).code).toBe(0);
  expect(dlc(['train', 'specs/sine.dl', '--epochs', '5', '--backend', 'cpu', '--save', wave]).code).toBe(0);
});

describe('dlc predict', () => {
  it('prints the class and its probability per input row, from stdin', () => {
    const r = dlc(['predict', 'specs/iris.dl', '--weights', iris, '--input', '-'], '5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).toMatch(/^(setosa|versicolor|virginica)  (0\.\d{4}|1\.0000)$/);
  });

  it('--json gives every probability; a header naming the features picks the columns, so the training CSV will do', () => {
    const byName = dlc(['predict', 'specs/iris.dl', '--weights', iris, '--input', 'specs/data/flowers.csv', '--json', '--backend', 'cpu']);
    expect(byName.code).toBe(0);
    const rows = JSON.parse(byName.stdout) as { class: number; name: string; probabilities: number[] }[];
    expect(rows).toHaveLength(150);
    for (const r of rows) {
      expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(r.probabilities[r.class]).toBe(Math.max(...r.probabilities));
    }
    // The file's rows, as plain numbers in order, give the same answers.
    const plain = readFileSync(join(root, 'specs/data/flowers.csv'), 'utf8').trim().split('\n').slice(1)
      .map((l) => l.split(',').slice(0, 4).join(',')).join('\n');
    const same = JSON.parse(dlc(['predict', 'specs/iris.dl', '--weights', iris, '--input', '-', '--json', '--backend', 'cpu'], plain).stdout);
    expect(same).toEqual(rows);
    // 30 epochs of the lesson's net already get most flowers right (chance is 50 of 150).
    const species = readFileSync(join(root, 'specs/data/flowers.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[4]);
    expect(rows.filter((r, i) => r.name === species[i]).length).toBeGreaterThan(75);
  });

  it('prints output values for a regression', () => {
    const r = dlc(['predict', 'specs/sine.dl', '--weights', wave, '--input', '-'], '0\n1.5\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-?\d+\.\d{6}\n-?\d+\.\d{6}\n$/);
  });

  const good = '5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n';
  it.each([
    [['predict', 'specs/iris.dl', '--input', '-'], 2, '--weights W.safetensors is required', good],
    [['predict', 'specs/iris.dl', '--weights', 'nope.safetensors', '--input', '-'], 2, 'cannot read the weights `nope.safetensors`: no such file', good],
    [['predict', 'specs/iris.dl', '--weights', 'specs/iris.dl', '--input', '-'], 1, 'error DL0802: the header length', good],
    [['predict', 'specs/xor.dl', '--weights', 'IRIS', '--input', '-', '--net', 'Xor'], 1, 'weights do not fit net Xor (IRIS holds weights of net Iris): unexpected layers.4.weight, layers.4.bias; layers.0.weight has shape [32, 4], the net needs [8, 2]', '0.5,0.5\n'],
    [['predict', 'specs/iris.dl', '--weights', 'IRIS', '--input', '-'], 1, '<stdin> line 2: value 3 is "abc", not a number', '5.1,3.5,1.4,0.2\n6.7,3.0,abc,2.3\n'],
    [['predict', 'specs/iris.dl', '--weights', 'IRIS', '--input', '-'], 1, '<stdin> line 1: 3 values, but the net takes 4', '5.1,3.5,1.4\n'],
    [['export', 'specs/iris.dl', '--to', 'pytorch', '-o', 'no-such-folder/iris.py'], 2, 'error DL0898: cannot write `no-such-folder/iris.py`: the folder `no-such-folder` does not exist', ''],
  ])('bad input %j: a clear message, exit %i, no stack trace', (args, code, message, input) => {
    const r = dlc((args as string[]).map((a) => (a === 'IRIS' ? iris : a)), input as string);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain((message as string).replace('IRIS', iris));
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('dlc export', () => {
  it('writes a runnable program with -o, and the nn.Module alone with --model', () => {
    const out = join(tmp, 'xor.py');
    expect(dlc(['export', 'specs/xor.dl', '--to', 'pytorch', '-o', out]).code).toBe(0);
    const program = readFileSync(out, 'utf8');
    expect(program).toContain('class Xor(nn.Module):');
    expect(program).toContain('torch.optim.SGD(model.parameters(), lr=0.5, momentum=0.9)');
    expect(program).toContain('python3 xor.py --load w.safetensors');
    const help = spawnSync('/usr/bin/python3', [out, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--predict [CSV]');
    const model = dlc(['export', 'specs/delay.dl', '--to', 'pytorch', '--net', 'Plain', '--model']);
    expect(model.code).toBe(0);
    expect(model.stdout).toContain('class Plain(nn.Module):');
    expect(model.stdout).toContain('RNNOutput(1, 16),  # layers.0: [20, 1] -> [20, 16]');
    expect(model.stdout).not.toContain('def main');
  });

  it('points the program at a csv data set relative to where the program is written', () => {
    const out = join(tmp, 'sub-flowers.py');
    expect(dlc(['export', 'specs/flowers.dl', '--to', 'pytorch', '-o', out]).code).toBe(0);
    const rel = /os\.path\.dirname\(os\.path\.abspath\(__file__\)\), "([^"]+)"/.exec(readFileSync(out, 'utf8'))?.[1];
    expect(readFileSync(join(tmp, rel!), 'utf8')).toBe(readFileSync(join(root, 'specs/data/flowers.csv'), 'utf8'));
  });

  it.each([
    [['export', 'specs/iris.dl'], 2, '--to pytorch is required'],
    [['export', 'specs/iris.dl', '--to', 'onnx'], 2, 'cannot export to `onnx`: the one target is pytorch'],
    [['export', 'specs/iris.dl', '--to', 'pytorch', '--net', 'Nope'], 2, 'dlc export: error DL0842: the spec has no net `Nope`; its nets are `Iris`'],
    [['export', 'specs/shape-error.dl', '--to', 'pytorch'], 1, 'error DL'],
  ])('bad input %j: a clear message, exit %i', (args, code, message) => {
    const r = dlc(args as string[]);
    expect(r.code).toBe(code);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
