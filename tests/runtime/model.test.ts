import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../compiler/runtime/api.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { RuntimeError } from '../../compiler/runtime/errors.ts';
import { Model } from '../../compiler/runtime/model.ts';
import { netOf } from './helpers.ts';

const IRIS = netOf('net Iris < linear 4->8; relu; linear 8->3 >');

describe('Model state_dict', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('round-trips through stateDict and loadStateDict', () => {
    const a = new Model(IRIS, { seed: 1 });
    const b = new Model(IRIS, { seed: 2 });
    expect(b.stateDict()).not.toEqual(a.stateDict());
    b.loadStateDict(a.stateDict());
    expect(b.stateDict()).toEqual(a.stateDict());
    expect(Object.keys(a.stateDict())).toEqual(['layers.0.weight', 'layers.0.bias', 'layers.2.weight', 'layers.2.bias']);
    a.dispose();
    b.dispose();
  });

  it('accepts plain number arrays, as JSON gives them', () => {
    const a = new Model(IRIS, { seed: 1 });
    const plain = Object.fromEntries(Object.entries(a.stateDict()).map(([k, t]) => [k, { shape: t.shape, data: Array.from(t.data) }]));
    const b = new Model(IRIS, { state: plain });
    expect(b.stateDict()).toEqual(a.stateDict());
    a.dispose();
    b.dispose();
  });

  it('names missing, unexpected and misshapen entries', () => {
    const m = new Model(IRIS);
    const s = m.stateDict();
    const { 'layers.2.bias': _dropped, ...missing } = s;
    expect(() => m.loadStateDict(missing)).toThrow(RuntimeError);
    expect(() => m.loadStateDict(missing)).toThrow(/missing layers\.2\.bias/);
    expect(() => m.loadStateDict({ ...s, 'layers.9.weight': s['layers.0.bias'] })).toThrow(/unexpected layers\.9\.weight/);
    expect(() => m.loadStateDict({ ...s, 'layers.0.weight': { shape: [4, 8], data: new Float32Array(32) } }))
      .toThrow('layers.0.weight has shape [4, 8], the net needs [8, 4]');
    m.dispose();
  });
});

describe.each<BackendName>(['cpu', 'wasm'])('Model forward on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });
  let before = 0;
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps images in PyTorch NCHW order at the output', () => {
    before = tf.memory().numTensors;
    // A 1x1 convolution: y[n, o, h, w] = sum over c of W[o, c] x[n, c, h, w] + b[o].
    const net = netOf('net C < input 2x3x4; conv 2->3 1 >');
    const model = new Model(net, { seed: 4 });
    const s = model.stateDict();
    const W = s['layers.0.weight'].data;
    const b = s['layers.0.bias'].data;
    const x = Float32Array.from({ length: 2 * 2 * 3 * 4 }, (_, i) => Math.sin(i));
    const y = tf.tidy(() => model.forward(tf.tensor(x, [2, 2, 3, 4]), false));
    expect(y.shape).toEqual([2, 3, 3, 4]);
    const got = y.dataSync();
    for (let n = 0; n < 2; n++) for (let o = 0; o < 3; o++) for (let p = 0; p < 12; p++) {
      let want = b[o];
      for (let c = 0; c < 2; c++) want += W[o * 2 + c] * x[(n * 2 + c) * 12 + p];
      expect(got[(n * 3 + o) * 12 + p]).toBeCloseTo(want, 5);
    }
    y.dispose();
    model.dispose();
  });

  it('drops out with probability p and scales survivors by 1/(1-p) in training only, from its seed', () => {
    before = tf.memory().numTensors;
    const net = netOf('net D < input 1000; dropout 0.3 >');
    const x = tf.ones([4, 1000]);
    const run = (seed: number, training: boolean) => {
      const m = new Model(net, { seed });
      const out = training ? tf.tidy(() => m.forward(x, true)) : m.predict(x);
      const data = out.dataSync().slice();
      out.dispose();
      m.dispose();
      return data;
    };
    const y = run(7, true);
    const zeros = y.filter((v) => v === 0).length / y.length;
    expect(zeros).toBeGreaterThan(0.27);
    expect(zeros).toBeLessThan(0.33);
    for (const v of y) if (v !== 0) expect(v).toBeCloseTo(1 / 0.7, 6);
    expect(run(7, true)).toEqual(y);
    expect(run(8, true)).not.toEqual(y);
    expect(Array.from(run(7, false))).toEqual(Array.from(x.dataSync()));
    x.dispose();
  });

  it('counts training passes in num_batches_tracked, not evaluation passes', () => {
    before = tf.memory().numTensors;
    const model = new Model(netOf('net B < linear 3->4; batchnorm >'));
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
    for (const training of [true, true, false]) {
      tf.tidy(() => {
        model.forward(x, training);
      });
    }
    const nbt = model.stateDict()['layers.1.num_batches_tracked'];
    expect(nbt.dtype).toBe('int64');
    expect(Array.from(nbt.data)).toEqual([2]);
    x.dispose();
    model.dispose();
  });
});
