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
import { fillTemplate, R, R_CLI, type RuntimeMessageDef } from '../diagnostics/messages.ts';
import { CodedError } from '../diagnostics/coded-error.ts';
import { shown } from '../diagnostics/display.ts';

/** A weights file that cannot be used; `code` is its entry in the runtime catalogue. */
export class SafetensorsError extends CodedError {
  constructor(message: string, code: string, help?: string) {
    super({ code, severity: 'error', summary: '', template: message, help });
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
      throw new SafetensorsError(`${name}: shape [${t.shape.join(', ')}] holds ${n} numbers, the data ${t.data.length}`, R_CLI.internal.code);
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

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
/** A value from the file, shown in a message: JSON, cut. */
const showJson = (v: unknown): string => shown(JSON.stringify(v) ?? String(v), 80);

function fail(m: RuntimeMessageDef, args: Record<string, string | number> = {}): SafetensorsError {
  return new SafetensorsError(fillTemplate(m.template, args), m.code, m.help);
}

/**
 * Decodes safetensors bytes, checking everything a reader relies on, in this order (the
 * exported program's `load_weights` checks the same, in the same order, with the same
 * codes): the header length, the header's JSON, each entry's dtype, shape and offsets
 * (inside the data, sized by shape and dtype), no two tensors sharing bytes, every data
 * byte in a tensor, and every value finite. Float tensors come back as Float32Array
 * (dtype float32), integer ones as Int32Array with their dtype (`int64` or `int32`).
 *
 * @example
 *   const { tensors, metadata } = decodeSafetensors(bytes);
 */
export function decodeSafetensors(bytes: Uint8Array): Safetensors {
  if (bytes.length < 8) throw fail(R.weightsTooShort, { size: bytes.length });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headLength = view.getBigUint64(0, true);
  if (headLength > BigInt(bytes.length - 8)) throw fail(R.weightsHeaderLength, { length: headLength.toString(), size: bytes.length });
  const base = 8 + Number(headLength);
  const dataSize = bytes.length - base;
  let header: unknown;
  try {
    // A BOM is not JSON: kept, so JSON.parse refuses it as Python's json does.
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(8, base)));
  } catch {
    throw fail(R.weightsHeaderJson);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw fail(R.weightsHeaderObject);
  // No prototype: a tensor named `__proto__` or `constructor` is just a name.
  const metadata: Record<string, string> = Object.create(null);
  const tensors: StateDict = Object.create(null);
  const spans: { name: string; start: number; end: number }[] = [];
  const entries: [string, HeaderEntry][] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail(R.weightsMetadata);
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string') throw fail(R.weightsMetadata);
        metadata[k] = v;
      }
      continue;
    }
    const shownName = shown(name, 80);
    const e = value as Partial<HeaderEntry> | null;
    if (typeof e !== 'object' || e === null || Array.isArray(e) || !('dtype' in e) || !('shape' in e) || !('data_offsets' in e)) {
      throw fail(R.weightsEntry, { name: shownName });
    }
    const size = typeof e.dtype === 'string' && Object.hasOwn(SIZES, e.dtype) ? SIZES[e.dtype] : undefined;
    if (size === undefined) throw fail(R.weightsDtype, { name: shownName, dtype: showJson(e.dtype) });
    if (!Array.isArray(e.shape) || !e.shape.every((d) => isWhole(d) && d >= 0)) throw fail(R.weightsShape, { name: shownName, shape: showJson(e.shape) });
    const o = e.data_offsets;
    if (!Array.isArray(o) || o.length !== 2 || !isWhole(o[0]) || !isWhole(o[1]) || o[0] < 0 || o[1] < o[0]) {
      throw fail(R.weightsOffsets, { name: shownName, offsets: showJson(o) });
    }
    const [start, end] = o;
    if (end > dataSize) throw fail(R.weightsOutside, { name: shownName, offsets: showJson(o), size: dataSize });
    const n = numel(e.shape);
    if (end - start !== n * size) {
      throw fail(R.weightsSize, { name: shownName, offsets: showJson(o), bytes: end - start, shape: showJson(e.shape), dtype: e.dtype as string, needed: n * size });
    }
    spans.push({ name: shownName, start, end });
    entries.push([name, e as HeaderEntry]);
  }
  // Sorted by start (ties in header order): each tensor must begin where the last ended or later.
  const sorted = spans.map((sp, k) => ({ ...sp, k })).sort((a, b) => a.start - b.start || a.k - b.k);
  let covered = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && sorted[i].start < sorted[i - 1].end) throw fail(R.weightsOverlap, { first: sorted[i - 1].name, second: sorted[i].name });
    covered += sorted[i].end - sorted[i].start;
  }
  if (covered !== dataSize) throw fail(R.weightsCoverage, { covered, size: dataSize });
  for (const [name, e] of entries) {
    const size = SIZES[e.dtype];
    const n = numel(e.shape);
    const [start] = e.data_offsets;
    const at = (i: number) => base + start + i * size;
    if (e.dtype === 'F32' || e.dtype === 'F64') {
      const data = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        data[i] = e.dtype === 'F32' ? view.getFloat32(at(i), true) : view.getFloat64(at(i), true);
        if (!Number.isFinite(data[i])) throw fail(R.weightsNonFinite, { name: shown(name, 80), index: i });
      }
      tensors[name] = { shape: e.shape, data, dtype: 'float32' };
    } else {
      const data = new Int32Array(n);
      for (let i = 0; i < n; i++) data[i] = e.dtype === 'I32' ? view.getInt32(at(i), true) : Number(view.getBigInt64(at(i), true));
      tensors[name] = { shape: e.shape, data, dtype: e.dtype === 'I64' ? 'int64' : 'int32' };
    }
  }
  return { tensors, metadata };
}
