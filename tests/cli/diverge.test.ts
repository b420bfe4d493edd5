// `dlc train` on a run that diverges: exit 3, no weights unless --keep-diverged asks, and
// then marked diverged in their metadata. The real binary.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from '../../compiler/emit/safetensors.ts';

const root = join(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-diverge-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('dlc train on a diverging run', () => {
  it('adam lr=1e6 batch 16 on iris: exit 3 and its message; --keep-diverged saves weights marked diverged', () => {
    const spec = join(tmp, 'wild.dl');
    writeFileSync(spec, readFileSync(join(root, 'specs/iris.dl'), 'utf8').replace('optimizer adam lr=0.001', 'optimizer adam lr=1e6').replace('batch full', 'batch 16'));
    const w = join(tmp, 'w.safetensors');
    const run = (...extra: string[]) => spawnSync(node, [join(root, 'bin/dlc.js'), 'train', spec, '--backend', 'cpu', '--epochs', '5', '--save', w, ...extra], { cwd: root, encoding: 'utf8' });
    const plain = run();
    expect(plain.status).toBe(3);
    expect(plain.stderr).toMatch(/dlc train: error DL0831: training diverged: the loss reached \S+ at epoch 1, over 1000 times its starting value/);
    expect(plain.stderr).toContain('weights not saved (--keep-diverged saves them');
    expect(() => readFileSync(w)).toThrow();
    const kept = run('--keep-diverged');
    expect(kept.status).toBe(3);
    expect(kept.stdout).toContain('saved the diverged weights to');
    expect(decodeSafetensors(readFileSync(w)).metadata['dlc.diverged']).toBe('DL0831');
  });
});
