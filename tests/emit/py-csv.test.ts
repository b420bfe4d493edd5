// The exported program reads csv files in dlc's dialect: on generated files (quotes, CRLF,
// blank lines, a BOM, bad numbers, bad bytes), its read_csv_table gives the same rows and
// classes as dlc's reader, or refuses at the same line (DL0508). One Python process.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';
import { csvDataset, decodeCsv } from '../../compiler/runtime/datasets/csv.ts';
import { DatasetError } from '../../compiler/runtime/datasets/errors.ts';

const root = join(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-pycsv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FIELDS = ['1', '2.5', '-3', '.5', '1e2', '+7', '0x1A', 'inf', 'NaN', '1_0', '', ' 4 ', '\t5', 'a', 'b', 'café', '"q,1"', '"a""b"', '"x" ', '"', 'a"b', '"open', 'x', 'y', 't'];
const line = fc.array(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 4 }).map((f) => f.join(','));
const NUMBERS = ['1', '2.5', '-3', '.5', '1e2', '+7', ' 4 ', '"6"', '0.1'];
const good = fc.tuple(fc.constantFrom(...NUMBERS), fc.constantFrom(...NUMBERS), fc.constantFrom('a', 'b', 'café', '"a, b"', '1', '2', '10', '1.0')).map((f) => f.join(','));
const file = fc.record({
  bom: fc.boolean(),
  lines: fc.array(fc.oneof({ weight: 30, arbitrary: good }, { weight: 2, arbitrary: line }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('  ') }), { minLength: 0, maxLength: 8 }),
  header: fc.oneof({ weight: 12, arbitrary: fc.constant('x,y,t') }, { weight: 1, arbitrary: fc.constantFrom('x,t', 'x,x,t', 'x,,t', 't', '"x, 1",y,t') }),
  badByte: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat(40) }),
  crlf: fc.boolean(),
  classes: fc.boolean(),
});

type Outcome = { line: number | null } | { x: number[][]; y: number[]; names: string[] | null };

function tsRead(bytes: Uint8Array, classes: boolean): Outcome {
  try {
    const ds = csvDataset(decodeCsv(bytes, 'd.csv'), { file: 'd.csv', want: classes ? 'classes' : 'regression' });
    const f = ds.exampleShape[0]!;
    const x = Array.from({ length: ds.n }, (_, i) => Array.from(ds.x.subarray(i * f, (i + 1) * f)));
    const numeric = ds.target.kind === 'classes' && ds.target.names!.every((n) => /^[-\d.e+]+$/.test(n));
    return { x, y: Array.from(ds.y), names: ds.target.kind === 'classes' && !numeric ? ds.target.names! : null };
  } catch (e) {
    if (e instanceof DatasetError) return { line: e.line ?? null };
    throw e;
  }
}

describe("the exported program's csv reader", () => {
  it('reads generated files as dlc does: same rows and classes, or the same line refused', () => {
    const graph = compile(readFileSync(join(root, 'specs/flowers.dl'), 'utf8'), { file: 'flowers.dl', readFile: (p) => readFileSync(join(root, 'specs', p), 'utf8') }).graph as TypedGraph;
    const program = join(tmp, 'flowers_program.py');
    writeFileSync(program, toPyTorch(graph, { mode: 'program' }));
    const cases = fc.sample(file, { numRuns: 300, seed: 9 });
    const paths = cases.map((c, k) => {
      const text = [c.header, ...c.lines].join(c.crlf ? '\r\n' : '\n');
      let bytes = new TextEncoder().encode(`${c.bom ? '\ufeff' : ''}${text}\n`);
      if (c.badByte !== undefined && c.badByte < bytes.length) bytes = Uint8Array.from([...bytes.subarray(0, c.badByte), 0xe9, ...bytes.subarray(c.badByte)]);
      const p = join(tmp, `c${k}.csv`);
      writeFileSync(p, bytes);
      return { path: p, bytes, classes: c.classes };
    });
    const out = execFileSync('/usr/bin/python3', ['-c', `import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
res = []
for c in json.loads(sys.stdin.read()):
    try:
        x, y, names, features = m.read_csv_table(c["path"], None, c["classes"])
        numeric = names is not None and all(m.csv_number(n) is not None for n in names)
        res.append({"x": x, "y": y, "names": None if numeric else names})
    except m.CsvError as e:
        res.append({"line": e.line})
print(json.dumps(res))`, program], { input: JSON.stringify(paths.map(({ path, classes }) => ({ path, classes }))), encoding: 'utf8', maxBuffer: 1 << 26 });
    const py = JSON.parse(out) as Outcome[];
    let refused = 0;
    paths.forEach(({ bytes, classes }, k) => {
      const ts = tsRead(bytes, classes);
      if ('line' in ts) refused++;
      const want = 'x' in ts ? { ...ts, x: ts.x.map((r) => r.map((v) => Math.fround(v))) } : ts;
      const got = 'x' in py[k]! ? { ...py[k], x: (py[k] as { x: number[][] }).x.map((r) => r.map((v) => Math.fround(v))) } : py[k];
      expect(got, `case ${k}: ${JSON.stringify(new TextDecoder().decode(bytes))}`).toEqual(want);
    });
    // Both kinds of outcome are exercised.
    expect(refused).toBeGreaterThan(30);
    expect(refused).toBeLessThan(270);
    expect(paths.filter(({ bytes }) => bytes.includes(0xe9) && !new TextDecoder().decode(bytes).includes('é')).length).toBeGreaterThan(10);
  });
});
