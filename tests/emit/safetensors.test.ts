import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PY_SAFETENSORS } from '../../compiler/emit/py-safetensors.ts';
import { SafetensorsError, decodeSafetensors, encodeSafetensors } from '../../compiler/emit/safetensors.ts';
import type { StateDict } from '../../compiler/runtime/api.ts';

const state: StateDict = {
  'layers.0.weight': { shape: [2, 3], data: new Float32Array([0.5, -1.25, 3e-8, 1e30, -0, 7]), dtype: 'float32' },
  'layers.0.bias': { shape: [2], data: new Float32Array([1, 2]), dtype: 'float32' },
  'layers.1.num_batches_tracked': { shape: [], data: new Int32Array([12]), dtype: 'int64' },
};

const python = (script: string) => execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' });
const prelude = `import json, struct, sys\nimport numpy as np\nimport torch\n${PY_SAFETENSORS}\n`;

describe('safetensors', () => {
  it('round-trips tensors, dtypes, order and metadata', () => {
    const bytes = encodeSafetensors(state, { format: 'pt', 'dlc.net': 'Iris' });
    const back = decodeSafetensors(bytes);
    expect(back.metadata).toEqual({ format: 'pt', 'dlc.net': 'Iris' });
    expect(Object.keys(back.tensors)).toEqual(Object.keys(state));
    for (const [name, t] of Object.entries(state)) {
      expect(back.tensors[name].shape).toEqual(t.shape);
      expect(back.tensors[name].dtype).toBe(t.dtype);
      expect(Array.from(back.tensors[name].data)).toEqual(Array.from(t.data));
    }
  });

  it('lays out the header as the format says: length, JSON padded to 8, offsets', () => {
    const bytes = encodeSafetensors(state);
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + n)));
    expect(header['layers.0.weight']).toEqual({ dtype: 'F32', shape: [2, 3], data_offsets: [0, 24] });
    expect(header['layers.1.num_batches_tracked']).toEqual({ dtype: 'I64', shape: [], data_offsets: [32, 40] });
    expect(bytes.length).toBe(8 + n + 40);
  });

  it('PyTorch reads what dlc writes and dlc reads what PyTorch writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlc-st-'));
    writeFileSync(join(dir, 'a.safetensors'), encodeSafetensors(state, { note: 'hi' }));
    const seen = JSON.parse(
      python(`${prelude}
s, m = load_safetensors("${join(dir, 'a.safetensors')}")
print(json.dumps({"meta": m, "t": {k: [str(v.dtype), list(v.shape), v.flatten().tolist()] for k, v in s.items()}}))`),
    );
    expect(seen.meta).toEqual({ note: 'hi' });
    expect(seen.t['layers.0.weight']).toEqual(['torch.float32', [2, 3], Array.from(state['layers.0.weight'].data)]);
    expect(seen.t['layers.1.num_batches_tracked']).toEqual(['torch.int64', [], [12]]);

    python(`${prelude}
torch.manual_seed(0)
bn = torch.nn.BatchNorm1d(3)
bn(torch.randn(4, 3))
save_safetensors("${join(dir, 'b.safetensors')}", bn.state_dict(), {"format": "pt"})
json.dump({k: v.flatten().tolist() for k, v in bn.state_dict().items()}, open("${join(dir, 'b.json')}", "w"))`);
    const want = JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')) as Record<string, number[]>;
    const got = decodeSafetensors(readFileSync(join(dir, 'b.safetensors')));
    expect(got.metadata).toEqual({ format: 'pt' });
    expect(Object.keys(got.tensors)).toEqual(Object.keys(want));
    expect(got.tensors.num_batches_tracked).toEqual({ shape: [], data: new Int32Array([1]), dtype: 'int64' });
    for (const [k, v] of Object.entries(want)) expect(Array.from(got.tensors[k].data)).toEqual(v.map(Math.fround));
  });

  it('rejects a damaged file with a clear message', () => {
    const bytes = encodeSafetensors(state);
    expect(() => decodeSafetensors(bytes.subarray(0, 5))).toThrow(SafetensorsError);
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 4))).toThrow(
      /tensor layers\.1\.num_batches_tracked: data_offsets \[32,40\] reach past the end of the data \(36 bytes\)/,
    );
    const text = new TextEncoder().encode('hello, world, this is not it');
    expect(() => decodeSafetensors(text)).toThrow(/the header length \d+ is beyond the end of the file/);
    expect(() => encodeSafetensors({ w: { shape: [3], data: [1, 2] } })).toThrow(/w: shape \[3\] holds 3 numbers, the data 2/);
  });
});
