// Every kind of broken weights file gets one code from the runtime catalogue, the same in
// TypeScript (decodeSafetensors + checkWeights, what `dlc predict` runs) and in the exported
// PyTorch program's load_weights. The codes are kept in tests/golden/weights/codes.txt;
// regenerate with `UPDATE_GOLDEN=1 npx vitest run tests/emit/weights-errors.test.ts`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { R } from '../../compiler/diagnostics/messages.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';
import { decodeSafetensors, encodeSafetensors, SafetensorsError } from '../../compiler/emit/safetensors.ts';
import { checkWeights } from '../../compiler/emit/weights-check.ts';
import { weightsMetadata } from '../../compiler/emit/weights-metadata.ts';
import type { StateDict } from '../../compiler/runtime/api.ts';

const root = join(import.meta.dirname, '../..');
const golden = join(root, 'tests/golden/weights/codes.txt');
const tmp = mkdtempSync(join(tmpdir(), 'dlc-weights-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const graph = compile(readFileSync(join(root, 'specs/iris.dl'), 'utf8'), { file: 'iris.dl' }).graph as TypedGraph;
const net = graph.nets[0];

// A valid file: every parameter of the Iris net, small finite values, dlc's metadata.
const state: StateDict = Object.fromEntries(
  net.nodes.flatMap((n) => n.params).map((p) => {
    const size = p.shape.reduce((a, b) => a * b, 1);
    return [p.name, { shape: p.shape, data: Float32Array.from({ length: size }, (_, i) => ((i % 7) - 3) / 10), dtype: 'float32' }];
  }),
);
const meta = weightsMetadata({ net: 'Iris', standardize: { mean: [5, 3, 4, 1], std: [1, 0.5, 2, 0.7] }, classes: ['a', 'b', 'c'], features: ['w', 'x', 'y', 'z'], epochs: 3, seed: 1 });
const base = encodeSafetensors(state, meta);
const headLength = Number(new DataView(base.buffer).getBigUint64(0, true));
const baseHeader = JSON.parse(new TextDecoder().decode(base.subarray(8, 8 + headLength)));
const baseData = base.subarray(8 + headLength);

/** A file from a header (an object, or raw JSON text) and data bytes. */
function file(header: unknown, data: Uint8Array = baseData, length?: bigint): Uint8Array {
  const head = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + head.length + data.length);
  new DataView(out.buffer).setBigUint64(0, length ?? BigInt(head.length), true);
  out.set(head, 8);
  out.set(data, 8 + head.length);
  return out;
}
/** The valid header, changed by `edit`. */
const edited = (edit: (h: Record<string, any>) => void, data?: Uint8Array) => {
  const h = structuredClone(baseHeader);
  edit(h);
  return file(h, data);
};
const withMeta = (key: string, value: string) => edited((h) => (h.__metadata__[key] = value));
const W0 = 'layers.0.weight';
const B0 = 'layers.0.bias';
const f32 = (values: number[]) => new Uint8Array(Float32Array.from(values).buffer);
const withBytes = (at: number, bytes: Uint8Array) => {
  const d = baseData.slice();
  d.set(bytes, at);
  return file(baseHeader, d);
};

const CASES: Record<string, Uint8Array> = {
  valid: base,
  'empty file': new Uint8Array(0),
  'five bytes': new Uint8Array(5),
  'header length 2^60': file(baseHeader, baseData, 1n << 60n),
  'header length one past the end': file(baseHeader, new Uint8Array(0), BigInt(JSON.stringify(baseHeader).length + 1)),
  // {"a":1} with the a replaced by the byte 0xff.
  'header not UTF-8': file('{"a":1}').map((b, i) => (i === 10 ? 0xff : b)),
  'header not JSON': file('{not json}'),
  'header with NaN': file('{"x": NaN}'),
  'header with a BOM': file(`\ufeff${JSON.stringify(baseHeader)}`),
  'header an array': file('[]'),
  'header a string': file('"weights"'),
  'metadata a list': edited((h) => (h.__metadata__ = ['a'])),
  'metadata value a number': edited((h) => (h.__metadata__['dlc.epochs'] = 5)),
  'entry a number': edited((h) => (h[W0] = 3)),
  'entry without data_offsets': edited((h) => delete h[W0].data_offsets),
  'dtype F16': edited((h) => (h[W0].dtype = 'F16')),
  'dtype a number': edited((h) => (h[W0].dtype = 32)),
  'shape as strings': edited((h) => (h[W0].shape = ['32', '4'])),
  'shape negative': edited((h) => (h[W0].shape = [-32, -4])),
  'shape a fraction': edited((h) => (h[B0].shape = [31.5])),
  'offsets negative': edited((h) => (h[W0].data_offsets = [-16, 496])),
  'offsets reversed': edited((h) => (h[W0].data_offsets = [512, 0])),
  'offsets as strings': edited((h) => (h[W0].data_offsets = ['0', '512'])),
  'offsets past the end': edited((h) => (h[W0].data_offsets = [baseData.length - 4, baseData.length + 508])),
  'offsets of the wrong size': edited((h) => (h[B0].data_offsets = [h[B0].data_offsets[0], h[B0].data_offsets[1] - 4])),
  'two tensors overlap': edited((h) => {
    h[B0].data_offsets = [0, 128];
  }),
  'trailing bytes': file(baseHeader, new Uint8Array([...baseData, 0, 0, 0, 0])),
  'a NaN weight': withBytes(8, f32([NaN])),
  'an infinite weight': withBytes(4, f32([-Infinity])),
  'F64 beyond float32': (() => {
    const d = new Uint8Array(baseData.length + 4);
    d.set(baseData);
    const h = structuredClone(baseHeader);
    const [s] = h[B0].data_offsets;
    // layers.0.bias as 32 F64 values placed at the end: the first is 1e300.
    const f64 = new Float64Array(32).fill(0.5);
    f64[0] = 1e300;
    const out = new Uint8Array(baseData.length - 128 + 256);
    out.set(baseData.subarray(0, s));
    out.set(baseData.subarray(s + 128), s);
    out.set(new Uint8Array(f64.buffer), baseData.length - 128);
    for (const [k, e] of Object.entries(h) as [string, any][]) if (k !== '__metadata__' && e.data_offsets[0] > s) e.data_offsets = [e.data_offsets[0] - 128, e.data_offsets[1] - 128];
    h[B0] = { dtype: 'F64', shape: [32], data_offsets: [baseData.length - 128, baseData.length + 128] };
    return file(h, out);
  })(),
  'a __proto__ tensor': edited(
    (h) => Object.defineProperty(h, '__proto__', { value: { dtype: 'F32', shape: [1], data_offsets: [baseData.length, baseData.length + 4] }, enumerable: true }),
    new Uint8Array([...baseData, 0, 0, 0, 0]),
  ),
  'a tensor renamed': edited((h) => {
    h['layers.0.weights'] = h[W0];
    delete h[W0];
  }),
  'a shape transposed': edited((h) => (h[W0].shape = [4, 32])),
  'I32 over float bytes': edited((h) => (h[B0].dtype = 'I32')),
  'std zero': withMeta('dlc.standardize', '{"mean":[5,3,4,1],"std":[1,0,2,0.7]}'),
  'standardisation of the wrong width': withMeta('dlc.standardize', '{"mean":[5,3,4],"std":[1,1,2]}'),
  'standardisation not JSON': withMeta('dlc.standardize', '{mean: [1]}'),
  'classes with NaN': withMeta('dlc.classes', '["a", NaN, "c"]'),
  'classes as numbers': withMeta('dlc.classes', '[0, 1, 2]'),
  'two classes for three outputs': withMeta('dlc.classes', '["a", "b"]'),
  'epochs not a whole number': withMeta('dlc.epochs', '1e3'),
};

function tsCode(bytes: Uint8Array): string {
  try {
    checkWeights(net, 'cross_entropy', decodeSafetensors(bytes), 'w.safetensors');
    return 'ok';
  } catch (e) {
    if (e instanceof SafetensorsError && e.code) return e.code;
    throw e;
  }
}

describe('broken weights files', () => {
  const names = Object.keys(CASES);
  const ts = Object.fromEntries(names.map((n) => [n, tsCode(CASES[n])]));
  const lines = `${names.map((n) => `${n}: ${ts[n]}`).join('\n')}\n`;

  it('TypeScript gives each kind its golden code, and every weights code is used', () => {
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, lines);
    expect(existsSync(golden)).toBe(true);
    expect(lines).toBe(readFileSync(golden, 'utf8'));
    const used = new Set(Object.values(ts));
    const weightsCodes = Object.values(R).map((m) => m.code).filter((c) => c >= 'DL0801' && c <= 'DL0829');
    expect(weightsCodes.filter((c) => !used.has(c))).toEqual([]);
    expect(names.length).toBeGreaterThanOrEqual(34);
  });

  it("the exported program's load_weights gives the same code for every file", () => {
    const program = join(tmp, 'iris_program.py');
    writeFileSync(program, toPyTorch(graph, { mode: 'program' }));
    const paths = names.map((n, k) => {
      const p = join(tmp, `case${k}.safetensors`);
      writeFileSync(p, CASES[n]);
      return p;
    });
    const out = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        `import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("exported", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
codes = []
for path in json.loads(sys.argv[2]):
    try:
        m.load_weights(path, m.Iris(), 4, 3)
        codes.append("ok")
    except m.WeightsError as e:
        codes.append(e.code)
print(json.dumps(codes))`,
        program,
        JSON.stringify(paths),
      ],
      { encoding: 'utf8' },
    );
    const py = JSON.parse(out) as string[];
    expect(Object.fromEntries(names.map((n, k) => [n, py[k]]))).toEqual(ts);
  });

  it('dlc predict and the exported program print the code and exit 1; names from the file are escaped', () => {
    const node = join(root, 'node_modules/.bin/node');
    const nan = join(tmp, 'nan.safetensors');
    writeFileSync(nan, CASES['a NaN weight']);
    const predict = (w: string) => spawnSync(node, [join(root, 'bin/dlc.js'), 'predict', 'specs/iris.dl', '--weights', w, '--input', '-'], { cwd: root, input: '5.1,3.5,1.4,0.2\n', encoding: 'utf8' });
    const bad = predict(nan);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^dlc predict: error DL0814: tensor layers\.0\.weight holds a NaN or infinite value \(at index 2\)\nhelp: /);
    const program = join(tmp, 'iris_cli.py');
    writeFileSync(program, toPyTorch(graph, { mode: 'program' }));
    const py = spawnSync('/usr/bin/python3', [program, '--load', nan, '--predict', '-'], { input: '5.1,3.5,1.4,0.2\n', encoding: 'utf8' });
    expect(py.status).toBe(1);
    expect(py.stderr).toContain('error DL0814: tensor layers.0.weight holds a NaN or infinite value (at index 2)');
    expect(py.stderr).not.toContain('Traceback');
    const esc = join(tmp, 'esc.safetensors');
    writeFileSync(esc, encodeSafetensors(state, { ...meta, 'dlc.classes': JSON.stringify(['\x1b[2Ja', '\x9bb', 'c\u2028']) }));
    const shownNames = predict(esc);
    expect(shownNames.status).toBe(0);
    expect(shownNames.stdout).not.toMatch(/[\x1b\x9b\u2028]/);
    expect(shownNames.stdout).toMatch(/^(\\x1b\[2Ja|\\x9bb|c\\u\{2028\})  0\.\d{4}\n$/);
  });
});
