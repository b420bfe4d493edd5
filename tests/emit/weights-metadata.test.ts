import { describe, expect, it } from 'vitest';
import { SafetensorsError } from '../../compiler/emit/safetensors.ts';
import { readWeightsMetadata, weightsMetadata } from '../../compiler/emit/weights-metadata.ts';

describe('weights metadata', () => {
  it('round-trips what predict needs as safetensors strings', () => {
    const info = { net: 'Iris', standardize: { mean: [5.8, 3.05], std: [0.82, 0.43] }, classes: ['a', 'b'], features: ['x', 'y'], epochs: 3, seed: 42 };
    const meta = weightsMetadata(info);
    expect(Object.values(meta).every((v) => typeof v === 'string')).toBe(true);
    expect(meta.format).toBe('pt');
    expect(readWeightsMetadata(meta)).toEqual(info);
    expect(readWeightsMetadata({ format: 'pt' })).toEqual({});
  });

  it.each([
    [{ 'dlc.standardize': '{"mean": [1]' }, /dlc\.standardize is not JSON/],
    [{ 'dlc.standardize': '{"mean": [1, 2], "std": [1]}' }, /needs lists mean and std of equal numbers of finite numbers, every std above 0/],
    [{ 'dlc.classes': '[1, 2]' }, /dlc\.classes must be a list of names/],
  ])('a malformed entry %j is a SafetensorsError naming it', (meta, message) => {
    expect(() => readWeightsMetadata(meta)).toThrow(SafetensorsError);
    expect(() => readWeightsMetadata(meta)).toThrow(message);
  });
});
