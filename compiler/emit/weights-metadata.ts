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
 */
import { SafetensorsError } from './safetensors.ts';

export interface WeightsInfo {
  net?: string;
  standardize?: { mean: number[]; std: number[] };
  classes?: string[];
  features?: string[];
  epochs?: number;
  seed?: number;
}

export function weightsMetadata(info: WeightsInfo): Record<string, string> {
  const meta: Record<string, string> = { format: 'pt' };
  if (info.net !== undefined) meta['dlc.net'] = info.net;
  if (info.standardize) meta['dlc.standardize'] = JSON.stringify({ mean: info.standardize.mean, std: info.standardize.std });
  if (info.classes) meta['dlc.classes'] = JSON.stringify(info.classes);
  if (info.features) meta['dlc.features'] = JSON.stringify(info.features);
  if (info.epochs !== undefined) meta['dlc.epochs'] = String(info.epochs);
  if (info.seed !== undefined) meta['dlc.seed'] = String(info.seed);
  return meta;
}

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Reads dlc's metadata back; a malformed entry is a SafetensorsError naming it. */
export function readWeightsMetadata(meta: Record<string, string>): WeightsInfo {
  const json = (key: string): unknown => {
    try {
      return JSON.parse(meta[key]);
    } catch {
      throw new SafetensorsError(`the weights' metadata ${key} is not JSON`);
    }
  };
  const info: WeightsInfo = {};
  if (meta['dlc.net'] !== undefined) info.net = meta['dlc.net'];
  if (meta['dlc.standardize'] !== undefined) {
    const s = json('dlc.standardize') as { mean?: unknown; std?: unknown };
    if (!isNumbers(s?.mean) || !isNumbers(s?.std) || s.mean.length !== s.std.length) {
      throw new SafetensorsError('the weights\' metadata dlc.standardize needs lists mean and std of equal length');
    }
    info.standardize = { mean: s.mean, std: s.std };
  }
  for (const key of ['classes', 'features'] as const) {
    if (meta[`dlc.${key}`] === undefined) continue;
    const v = json(`dlc.${key}`);
    if (!isStrings(v)) throw new SafetensorsError(`the weights' metadata dlc.${key} must be a list of names`);
    info[key] = v;
  }
  if (meta['dlc.epochs'] !== undefined) info.epochs = Number(meta['dlc.epochs']);
  if (meta['dlc.seed'] !== undefined) info.seed = Number(meta['dlc.seed']);
  return info;
}
