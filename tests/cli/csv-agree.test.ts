// One csv reader: `dlc check` refuses a file exactly when `dlc train` would, with the same
// code (DL0508) and the same line; bytes that are not UTF-8 are an error naming the line.
// The files issue 9 found check passing and train refusing, and two non-UTF-8 ones.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { csvDataset, decodeCsv } from '../../compiler/runtime/datasets/csv.ts';
import { DatasetError } from '../../compiler/runtime/datasets/errors.ts';

const root = join(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const BAD: [string, Uint8Array, number][] = [
  ['duplicate header names', bytes('x,x,t\n1,2,a\n3,4,b\n'), 1],
  ['an empty header name', bytes('x,,t\n1,2,a\n3,4,b\n'), 1],
  ['a number written 0x1A', bytes('x,y,t\n1,2,a\n0x1A,4,b\n'), 3],
  ['a quoted field spanning lines', bytes('x,y,t\n1,2,"a\nb"\n3,4,c\n'), 2],
  ['latin-1 bytes', bytes('x,y,t\n1,2,caf\xe9\n3,4,caf\xe8\n'), 2],
  ['a lone continuation byte', bytes('x,y,t\n1,2,a\n3,4,b\x80\n'), 3],
];
const spec = 'net N < linear 2->2 >\ntrain N on csv file="d.csv" target=t < loss cross_entropy; epochs 1 >\n';

/** What check says, through the same strict reader the CLI gives it. */
function checked(file: Uint8Array) {
  return compile(spec, { file: 's.dl', readFile: () => decodeCsv(file, 'd.csv') }).diagnostics.filter((d) => d.severity === 'error');
}

/** What training's reader says. */
function trained(file: Uint8Array): DatasetError | null {
  try {
    csvDataset(decodeCsv(file, 'd.csv'), { file: 'd.csv', target: 't' });
    return null;
  } catch (e) {
    if (e instanceof DatasetError) return e;
    throw e;
  }
}

describe('one csv reader for check and train', () => {
  it.each(BAD)('%s: both refuse it, DL0508 at the same line', (_, file, line) => {
    const diags = checked(file);
    expect(diags.map((d) => d.code)).toEqual(['DL0508']);
    expect(diags[0]!.message).toContain(`line ${line}:`);
    const e = trained(file);
    expect(e?.line).toBe(line);
    expect(diags[0]!.message).toContain(e!.message.slice('d.csv '.length));
  });

  it('a good file passes both, with the same classes', () => {
    const file = bytes('x,y,t\n1,2,b\n3,4,a\n5,6,b\n');
    expect(checked(file)).toEqual([]);
    expect(trained(file)).toBeNull();
    const g = compile(spec, { readFile: () => decodeCsv(file, 'd.csv') }).graph!;
    expect(g.trains[0]!.dataset.target).toEqual({ kind: 'classes', classes: 2 });
  });

  it('the real CLI: dlc check and dlc train name the same code and line for non-UTF-8 bytes', () => {
    writeFileSync(join(tmp, 'd.csv'), BAD[4]![1]);
    writeFileSync(join(tmp, 's.dl'), spec);
    const run = (cmd: string) => spawnSync(node, [join(root, 'bin/dlc.js'), cmd, join(tmp, 's.dl'), ...(cmd === 'train' ? ['--backend', 'cpu'] : [])], { encoding: 'utf8' });
    const check = run('check');
    const train = run('train');
    expect(check.status).toBe(1);
    expect(train.status).toBe(1);
    expect(check.stdout + check.stderr).toMatch(/error DL0508: the csv file `d\.csv` cannot be used: line 2: the bytes are not valid UTF-8/);
    // train checks the spec first, with the same reader: the same diagnostic.
    expect(train.stderr).toMatch(/error DL0508: the csv file `d\.csv` cannot be used: line 2: the bytes are not valid UTF-8/);
  });
});
