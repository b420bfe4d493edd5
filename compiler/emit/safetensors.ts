/**
 * safetensors, the weights format PyTorch, Hugging Face and dlc share: an 8-byte
 * little-endian header length, a JSON header `{ name: { dtype, shape, data_offsets } ...,
 * "__metadata__": { string: string } }` padded with spaces to a multiple of 8, then the
 * tensors' bytes, little-endian, row-major. Names are PyTorch `state_dict` names.
 * Pure Uint8Array in and out: the CLI writes files, the site offers downloads.
 *
 * dlc writes F32 for float tensors and I64 for int64 buffers (`num_batches_tracked`). It
 * reads F32, F64 (narrowed to float32), I64 and I32.
 */
import type { StateDict, TensorData } from '../runtime/api.ts';

export class SafetensorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SafetensorsError';
  }
}

export interface Safetensors {
  tensors: StateDict;
  metadata: Record<string, string>;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

const SIZES: Record<string, number> = { F32: 4, F64: 8, I64: 8, I32: 4 };

const numel = (shape: number[]) => shape.reduce((p, q) => p * q, 1);

function dtypeOf(t: TensorData): 'F32' | 'I64' | 'I32' {
  if (t.dtype === 'int64') return 'I64';
  if (t.dtype === 'int32' || (t.dtype === undefined && t.data instanceof Int32Array)) return 'I32';
  return 'F32';
}

/**
 * Encodes a state dict (and string metadata) as safetensors bytes, tensors in the dict's order.
 *
 * @example
 *   const bytes = encodeSafetensors({ 'layers.0.bias': { shape: [2], data: new Float32Array([1, 2]) } }, { format: 'pt' });
 */
export function encodeSafetensors(tensors: StateDict, metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, HeaderEntry | Record<string, string>> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  const entries = Object.entries(tensors).map(([name, t]) => {
    const dtype = dtypeOf(t);
    const n = numel(t.shape);
    if (t.data.length !== n) {
      throw new SafetensorsError(`${name}: shape [${t.shape.join(', ')}] holds ${n} numbers, the data ${t.data.length}`);
    }
    const bytes = n * SIZES[dtype];
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + bytes] };
    offset += bytes;
    return { t, dtype, start: offset - bytes };
  });
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - ((new TextEncoder().encode(json).length) % 8)) % 8);
  const head = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + head.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(head.length), true);
  out.set(head, 8);
  const base = 8 + head.length;
  for (const { t, dtype, start } of entries) {
    for (let i = 0; i < t.data.length; i++) {
      const at = base + start + i * SIZES[dtype];
      const v = Number(t.data[i]);
      if (dtype === 'F32') view.setFloat32(at, v, true);
      else if (dtype === 'I32') view.setInt32(at, v, true);
      else view.setBigInt64(at, BigInt(Math.trunc(v)), true);
    }
  }
  return out;
}

/**
 * Decodes safetensors bytes. Float tensors come back as Float32Array (dtype float32),
 * integer ones as Int32Array with their dtype (`int64` or `int32`).
 *
 * @example
 *   const { tensors, metadata } = decodeSafetensors(bytes);
 */
export function decodeSafetensors(bytes: Uint8Array): Safetensors {
  const bad = (why: string) => new SafetensorsError(`not a valid safetensors file: ${why}`);
  if (bytes.length < 8) throw bad('shorter than its 8-byte header length');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLength = view.getBigUint64(0, true);
  if (headLength > BigInt(bytes.length - 8)) throw bad(`the header length ${headLength} is beyond the end of the file`);
  const base = 8 + Number(headLength);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, base)));
  } catch {
    throw bad('the header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw bad('the header is not a JSON object');
  const metadata: Record<string, string> = {};
  const tensors: StateDict = {};
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) metadata[k] = String(v);
      continue;
    }
    const e = value as HeaderEntry;
    const size = SIZES[e?.dtype];
    if (!size) throw new SafetensorsError(`${name}: dtype ${String(e?.dtype)} is not supported (dlc reads F32, F64, I64, I32)`);
    if (!Array.isArray(e.shape) || !Array.isArray(e.data_offsets) || e.data_offsets.length !== 2) {
      throw bad(`${name} has no shape or data_offsets`);
    }
    const n = numel(e.shape);
    const [start, end] = e.data_offsets;
    if (end - start !== n * size || start < 0 || base + end > bytes.length) {
      throw bad(`${name}: data_offsets [${start}, ${end}] do not hold ${n} ${e.dtype} numbers inside the file`);
    }
    const at = (i: number) => base + start + i * size;
    if (e.dtype === 'F32' || e.dtype === 'F64') {
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = e.dtype === 'F32' ? view.getFloat32(at(i), true) : view.getFloat64(at(i), true);
      tensors[name] = { shape: e.shape, data, dtype: 'float32' };
    } else {
      const data = new Int32Array(n);
      for (let i = 0; i < n; i++) data[i] = e.dtype === 'I32' ? view.getInt32(at(i), true) : Number(view.getBigInt64(at(i), true));
      tensors[name] = { shape: e.shape, data, dtype: e.dtype === 'I64' ? 'int64' : 'int32' };
    }
  }
  return { tensors, metadata };
}
