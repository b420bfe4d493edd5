/**
 * The CNN step's cpu/wasm routes (docs/performance.md, "The CNN step (session 19)") against
 * the tfjs paths they replace, on both backends: maxpool's maxima from the backend with the
 * first-maximum gradient on the host (against pool.ts's argMax composition, PyTorch's tie rule,
 * and the host loop), the conv's bias inside FusedConv2D and the input gradient's host-turned
 * filter (against Conv2D + Add and tfjs's Reverse/Transpose), and transposes of size-1 axes
 * as reshapes. The Digits CNN's PyTorch numbers are checked in conformance.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackendName } from '../../compiler/runtime/api.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { Model } from '../../compiler/runtime/model.ts';
import { convRoutes } from '../../compiler/runtime/ops/conv.ts';
import { hostKernels } from '../../compiler/runtime/ops/host.ts';
import { permute } from '../../compiler/runtime/ops/permute.ts';
import { poolRoutes } from '../../compiler/runtime/ops/pool-host.ts';
import { netOf } from './helpers.ts';

/** Seeded values; `levels` > 0 rounds them to that many integers, so windows hold ties. */
function values(n: number, seed: number, levels = 0): Float32Array {
  let s = seed;
  return Float32Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    const u = s / 2147483648;
    return levels > 0 ? Math.floor(u * levels) : u * 2 - 1;
  });
}

/** The net's output and the gradients of sum(output * w) for its input and every parameter. */
function run(model: Model, x: tf.Tensor): { out: Float32Array; grads: Float32Array[] } {
  return tf.tidy(() => {
    const xv = tf.variable(x);
    const w = tf.tensor(values(model.net.outputShape.reduce((a, b) => a * b, x.shape[0]), 7), [x.shape[0], ...model.net.outputShape]);
    let out: tf.Tensor | null = null;
    const { grads } = tf.variableGrads(() => {
      out = tf.keep(model.forward(xv, true));
      return tf.sum(tf.mul(out, w));
    }, [xv, ...model.params]);
    const result = {
      out: (out as unknown as tf.Tensor).dataSync() as Float32Array,
      grads: [xv, ...model.params].map((v) => grads[v.name].dataSync() as Float32Array),
    };
    xv.dispose();
    return result;
  });
}

function expectClose(a: Float32Array, b: Float32Array, rtol: number): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(b[i])) expect(a[i], `element ${i}`).toBeNaN();
    else expect(Math.abs(a[i] - b[i]), `element ${i}: ${a[i]} against ${b[i]}`).toBeLessThanOrEqual(1e-6 + rtol * Math.abs(b[i]));
  }
}

const BACKENDS: BackendName[] = ['cpu', 'wasm'];

describe.each(BACKENDS)('CNN kernels on %s', (backend) => {
  beforeAll(async () => {
    expect(await initBackend(backend)).toBe(backend);
  });
  afterEach(() => {
    hostKernels.enabled = true;
    poolRoutes.backendForward = true;
    convRoutes.fusedBias = true;
  });

  // Integer images: windows hold equal maxima, whose gradient PyTorch sends to the first.
  it.each([
    ['2x2 windows', 'input 3x6x8; maxpool 2', 0],
    ['overlapping 3x3, stride 2', 'input 2x7x7; maxpool 3 stride=2', 0],
    ['overlapping 2x2, stride 1', 'input 2x5x5; maxpool 2 stride=1', 0],
    ['uneven, floor mode', 'input 2x5x7; maxpool 2', 0],
    ['2x2 windows with NaN', 'input 3x6x8; maxpool 2', 1],
  ] as const)('maxpool (%s): the maxima and first-maximum gradient of pool.ts and the host loop', (_, layers, nans) => {
    const net = netOf(`net P < ${layers}; flatten >`);
    const shape = [4, ...net.inputShape];
    const data = values(shape.reduce((a, b) => a * b, 1), 11, 4);
    for (let k = 0; k < nans; k++) data[5 + 40 * k] = NaN;
    const x = tf.tensor(data, shape);
    const model = new Model(net, { seed: 0 });
    const now = run(model, x);
    hostKernels.enabled = false; // pool.ts's tfjs composition: argMax keeps the first maximum
    const composition = run(model, x);
    hostKernels.enabled = true;
    poolRoutes.backendForward = false; // the host loop of session 18
    const loop = run(model, x);
    // With NaN only the host loop is PyTorch's (NaN is the maximum, its first position gets dy).
    for (const other of nans > 0 ? [loop] : [composition, loop]) {
      expectClose(now.out, other.out, 0);
      expectClose(now.grads[0], other.grads[0], 0);
    }
    if (nans > 0) expect(now.out.some(Number.isNaN)).toBe(true);
    x.dispose();
    model.dispose();
  });

  it.each([
    ['3x3, pad 1, bias (the Digits CNN)', 'input 1x8x8; conv 1->4 3 pad=1; relu; maxpool 2; conv 4->6 3 pad=1; flatten'],
    ['stride 2, no bias', 'input 2x9x9; conv 2->3 3 stride=2 pad=1 bias=false; flatten'],
    ['2x3 kernel, bias', 'input 2x6x7; conv 2->3 2x3; tanh; conv 3->2 3 pad=2; flatten'],
  ] as const)('conv (%s): the bias inside the convolution and the host-turned filter keep every number', (_, layers) => {
    const net = netOf(`net C < ${layers} >`);
    const shape = [3, ...net.inputShape];
    const x = tf.tensor(values(shape.reduce((a, b) => a * b, 1), 5), shape);
    const model = new Model(net, { seed: 3 });
    const now = run(model, x);
    convRoutes.fusedBias = false; // Conv2D, then a broadcast Add
    hostKernels.enabled = false; // the input gradient's filter turned by Reverse and Transpose kernels
    const before = run(model, x);
    expectClose(now.out, before.out, 1e-5);
    now.grads.forEach((g, i) => expectClose(g, before.grads[i], 1e-4));
    x.dispose();
    model.dispose();
  });
});

describe('permute', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it.each([
    [[4, 1, 3, 5], [0, 2, 3, 1]],
    [[4, 3, 5, 1], [0, 3, 1, 2]],
    [[1, 3, 3, 8], [1, 2, 0, 3]],
    [[4, 2, 3, 5], [0, 2, 3, 1]],
    [[2, 1, 3, 1], [3, 2, 1, 0]],
  ])('%j by %j gives what tf.transpose gives', (shape, perm) => {
    const x = tf.tensor(values(shape.reduce((a, b) => a * b, 1), 3), shape);
    const p = permute(x, perm);
    const t = tf.transpose(x, perm);
    expect(p.shape).toEqual(t.shape);
    expect(Array.from(p.dataSync())).toEqual(Array.from(t.dataSync()));
    tf.dispose([x, p, t]);
  });
});
