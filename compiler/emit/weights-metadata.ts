/**
 * What dlc keeps in a weights file's `__metadata__` besides the tensors, so `dlc predict`
 * and the exported PyTorch program need nothing but the spec and the file: every value is
 * a string, as safetensors requires; lists and objects are JSON.
 *
 * - `format`: `pt` (as PyTorch's own safetensors writer marks its files)
 * - `dlc.net`: the net's name
 * - `dlc.standardize`: `{"mean": [...], "std": [...]}` when the train block standardizes
 * - `dlc.classes`: the class names, index order, for a classifier whose data names them
 * - `dlc.features`: the feature names, for taking input columns by name
 * - `dlc.epochs`, `dlc.seed`: how the weights were trained
 * - `dlc.diverged`: the divergence code (DL0830, DL0831) when the run diverged and
 *   `dlc train --keep-diverged` saved the weights anyway
 */
import { fillTemplate, R, type RuntimeMessageDef } from '../diagnostics/messages.ts';
import { SafetensorsError } from './safetensors.ts';

export interface WeightsInfo {
  net?: string;
  standardize?: { mean: number[]; std: number[] };
  classes?: string[];
  features?: string[];
  epochs?: number;
  seed?: number;
  diverged?: string;
}

export function weightsMetadata(info: WeightsInfo): Record<string, string> {
  const meta: Record<string, string> = { format: 'pt' };
  if (info.net !== undefined) meta['dlc.net'] = info.net;
  if (info.standardize) meta['dlc.standardize'] = JSON.stringify({ mean: info.standardize.mean, std: info.standardize.std });
  if (info.classes) meta['dlc.classes'] = JSON.stringify(info.classes);
  if (info.features) meta['dlc.features'] = JSON.stringify(info.features);
  if (info.epochs !== undefined) meta['dlc.epochs'] = String(info.epochs);
  if (info.seed !== undefined) meta['dlc.seed'] = String(info.seed);
  if (info.diverged !== undefined) meta['dlc.diverged'] = info.diverged;
  return meta;
}

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

function fail(m: RuntimeMessageDef, args: Record<string, string | number> = {}): SafetensorsError {
  return new SafetensorsError(fillTemplate(m.template, args), m.code, m.help);
}

/**
 * Reads dlc's metadata back; a malformed entry is a SafetensorsError with its catalogue
 * code. `width`, when known, is the net's input size the statistics must match.
 * The exported program's `load_weights` checks the same, in the same order.
 */
export function readWeightsMetadata(meta: Record<string, string>, width?: number): WeightsInfo {
  const json = (key: string): unknown => {
    try {
      return JSON.parse(meta[key]);
    } catch {
      throw fail(R.weightsMetaJson, { key });
    }
  };
  const info: WeightsInfo = {};
  if (meta['dlc.net'] !== undefined) info.net = meta['dlc.net'];
  if (meta['dlc.diverged'] !== undefined) info.diverged = meta['dlc.diverged'];
  if (meta['dlc.standardize'] !== undefined) {
    const s = json('dlc.standardize') as { mean?: unknown; std?: unknown } | null;
    const fits = (v: unknown): v is number[] => isNumbers(v) && (width === undefined || v.length === width);
    if (typeof s !== 'object' || s === null || !fits(s.mean) || !fits(s.std) || s.mean.length !== s.std.length || !s.std.every((v) => v > 0)) {
      throw fail(R.weightsStandardize, { width: width ?? 'equal numbers of' });
    }
    info.standardize = { mean: s.mean, std: s.std };
  }
  for (const key of ['classes', 'features'] as const) {
    if (meta[`dlc.${key}`] === undefined) continue;
    const v = json(`dlc.${key}`);
    if (!isStrings(v)) throw fail(R.weightsNames, { key: `dlc.${key}` });
    info[key] = v;
  }
  for (const key of ['epochs', 'seed'] as const) {
    const v = meta[`dlc.${key}`];
    if (v === undefined) continue;
    if (!/^-?\d+$/.test(v)) throw fail(R.weightsNumber, { key: `dlc.${key}` });
    info[key] = Number(v);
  }
  return info;
}
