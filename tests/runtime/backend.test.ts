import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initBackend } from '../../compiler/runtime/backend.ts';

describe('initBackend in Node', () => {
  it('starts cpu and wasm on request and makes them current', async () => {
    expect(await initBackend('cpu')).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(await initBackend('wasm')).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('registers gradients, so backward passes work', async () => {
    await initBackend('cpu');
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2, 3]));
    expect(Array.from(g.dataSync())).toEqual([2, 4, 6]);
  });

  it('auto falls back past webgl, which Node lacks, to wasm', async () => {
    expect(await initBackend('auto')).toBe('wasm');
  });

  it('refuses an explicit backend that cannot start, naming it', async () => {
    await expect(initBackend('webgl')).rejects.toThrow(/webgl backend is not available/);
    // The previous backend stays in use.
    expect(tf.getBackend()).toBe('wasm');
  });
});
