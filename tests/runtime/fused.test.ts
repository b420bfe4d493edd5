/**
 * The fused training step (compiler/runtime/fused/): the nets it takes are chosen by the
 * graph's class; on those, one step gives PyTorch's output, loss and gradients (every step
 * case of the reference set whose net is in the class), and whole runs give the numbers of
 * the generic op-by-op step. The trajectory and run cases of its class go through it in
 * conformance.test.ts, since train() takes it there.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BackendName, StateDict, TrainResult } from '../../compiler/runtime/api.ts';
import { initBackend } from '../../compiler/runtime/backend.ts';
import { FusedTrainer, fusedStep, outsideFusedClass } from '../../compiler/runtime/fused/index.ts';
import { Model } from '../../compiler/runtime/model.ts';
import { createOptimizer } from '../../compiler/runtime/optimizers/index.ts';
import { targetTensor } from '../../compiler/runtime/targets.ts';
import { train } from '../../compiler/runtime/train.ts';
import type { RefCase } from './conformance-check.ts';
import { graphOf, netOf } from './helpers.ts';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'pytorch');
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')) as RefCase);
const inClass = (c: RefCase, backend: BackendName) => outsideFusedClass(netOf(c.spec), backend) === null;
const SGD = { name: 'sgd', lr: 0.1, momentum: 0, weightDecay: 0, beta1: 0.9, beta2: 0.999, eps: 1e-8 } as const;

function close(got: ArrayLike<number>, want: number[], rtol: number, atol: number): string | null {
  if (got.length !== want.length) return `${got.length} values, want ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    if (!(Math.abs(got[i] - want[i]) <= atol + rtol * Math.abs(want[i]))) return `element ${i}: got ${got[i]}, want ${want[i]}`;
  }
  return null;
}

describe('the fused class', () => {
  it('is read off the graph: linear and elementwise layers on a feature vector, on cpu or wasm', () => {
    const mlp = netOf('net M < linear 4->8; leaky_relu; linear 8->8; silu; tanh; linear 8->1; sigmoid >');
    expect(outsideFusedClass(mlp, 'wasm')).toBeNull();
    expect(outsideFusedClass(mlp, 'cpu')).toBeNull();
    expect(outsideFusedClass(mlp, 'webgl')).toMatch(/webgl backend/);
    expect(outsideFusedClass(netOf('net D < linear 4->8; dropout 0.5; linear 8->2 >'), 'wasm')).toBe('layer 1 is dropout');
    expect(outsideFusedClass(netOf('net S < linear 4->3; softmax >'), 'wasm')).toBe('layer 1 is softmax');
    expect(outsideFusedClass(netOf('net I < input 1x4x4; flatten; linear 16->2 >'), 'wasm')).toBeNull();
    expect(outsideFusedClass(netOf('net Q < input 2x3; linear 3->2 >'), 'wasm')).toMatch(/neither a feature vector nor an image/);
  });

  it('takes conv, maxpool and flatten on an image, and leaves batchnorm, dropout and avgpool to the generic step', () => {
    const cnn = netOf('net C < input 2x9x9; conv 2->4 3 stride=2 pad=1; tanh; maxpool 3 stride=2; conv 4->4 1; relu; flatten; linear 16->3 >');
    expect(outsideFusedClass(cnn, 'wasm')).toBeNull();
    expect(outsideFusedClass(cnn, 'cpu')).toBeNull();
    expect(outsideFusedClass(cnn, 'webgl')).toMatch(/webgl backend/);
    expect(outsideFusedClass(netOf('net B < input 1x4x4; conv 1->2 3 pad=1; batchnorm; flatten; linear 32->2 >'), 'wasm')).toBe('layer 1 is batchnorm');
    expect(outsideFusedClass(netOf('net A < input 1x4x4; avgpool 2; flatten; linear 4->2 >'), 'wasm')).toBe('layer 0 is avgpool');
    expect(outsideFusedClass(netOf('net D < input 1x4x4; conv 1->2 3; dropout 0.5; flatten; linear 8->2 >'), 'wasm')).toBe('layer 1 is dropout');
  });
});

describe.each<BackendName>(['cpu', 'wasm'])('the fused step on %s', (backend) => {
  beforeAll(async () => {
    expect(await initBackend(backend)).toBe(backend);
  });
  afterEach(() => {
    fusedStep.enabled = true;
  });

  const steps = CASES.filter((c) => c.kind === 'step' && inClass(c, backend));
  it('has step cases of its class, and leaves the others to the generic step', () => {
    expect(steps.length).toBeGreaterThanOrEqual(4);
    // Every conv/maxpool step case without batchnorm or avgpool is in the class.
    expect(steps.filter((c) => /\bconv\b/.test(c.spec)).map((c) => c.name).sort())
      .toEqual(CASES.filter((c) => c.kind === 'step' && /\bconv\b/.test(c.spec) && !/batchnorm|avgpool/.test(c.spec)).map((c) => c.name).sort());
    expect(steps.filter((c) => /\bconv\b/.test(c.spec)).length).toBeGreaterThanOrEqual(3);
    expect(CASES.filter((c) => c.kind === 'step').length).toBeGreaterThan(steps.length);
  });

  it.each(steps.map((c) => [c.name, c] as const))('%s: output, loss and every gradient as PyTorch', (_name, c) => {
    const net = netOf(c.spec);
    const before = tf.memory().numTensors;
    const state: StateDict = Object.fromEntries(Object.entries(c.params).map(([k, t]) => [k, { shape: t.shape, data: t.data }]));
    const model = new Model(net, { state });
    const optimizer = createOptimizer(SGD);
    const trainer = new FusedTrainer(net, { loss: c.loss, optimizer: SGD }, model, optimizer);
    const x = tf.tensor(c.input!.data, c.input!.shape);
    const target = targetTensor(c.loss, Float32Array.from(c.target!.data), c.input!.shape[0], net.outputShape);
    const { output, loss, grads } = trainer.gradients(x, target);
    const want = c.expect as { output: { data: number[] }; loss: number; grads: Record<string, { data: number[] }> };
    const tol = c.tolerance;
    expect(close(output, want.output.data, tol.rtol, tol.atol)).toBeNull();
    expect(close([loss], [want.loss], tol.rtol, tol.atol)).toBeNull();
    expect(Object.keys(grads).sort()).toEqual(Object.keys(want.grads).sort());
    for (const [name, g] of Object.entries(want.grads)) {
      expect(close(grads[name], g.data, tol.grad_rtol, tol.grad_atol), `grad of ${name}`).toBeNull();
    }
    tf.dispose([x, target]);
    trainer.dispose();
    optimizer.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains in batches, with momentum and weight decay, to the generic step\'s numbers', async () => {
    const graph = graphOf(`net Iris < linear 4->32; relu; linear 32->16; tanh; linear 16->3 >
train Iris on iris < split 0.2; validate 0.2; standardize; loss cross_entropy; optimizer sgd lr=0.05 momentum=0.9 weight_decay=0.01; batch 16; epochs 5; seed 3 >`);
    const run = async (fused: boolean): Promise<TrainResult> => {
      fusedStep.enabled = fused;
      return train(graph, { backend });
    };
    const [a, b] = [await run(true), await run(false)];
    expect(a.history.length).toBe(5);
    for (const key of ['trainLoss', 'testLoss', 'validationLoss', 'trainAccuracy', 'testAccuracy', 'validationAccuracy'] as const) {
      expect(close(a.history.map((h) => h[key] as number), b.history.map((h) => h[key] as number), 1e-4, 1e-6), key).toBeNull();
    }
    for (const [name, t] of Object.entries(b.state)) expect(close(a.state[name].data, Array.from(t.data), 1e-4, 1e-6), name).toBeNull();
  });

  it('trains a CNN in batches (a stride-2 conv inside the net, two maxpools) to the generic step\'s numbers', async () => {
    const graph = graphOf(`net D < input 1x8x8; conv 1->4 3 pad=1; relu; maxpool 2; conv 4->8 3 stride=2 pad=1; silu; maxpool 2 stride=1; flatten; linear 8->10 >
train D on digits < split 0.2; validate 0.1; loss cross_entropy; optimizer adam lr=0.01 weight_decay=0.001; batch 64; epochs 3; seed 5 >`);
    const run = async (fused: boolean): Promise<TrainResult> => {
      fusedStep.enabled = fused;
      return train(graph, { backend });
    };
    const [a, b] = [await run(true), await run(false)];
    expect(a.history.length).toBe(3);
    for (const key of ['trainLoss', 'testLoss', 'validationLoss', 'trainAccuracy', 'testAccuracy', 'validationAccuracy'] as const) {
      expect(close(a.history.map((h) => h[key] as number), b.history.map((h) => h[key] as number), 1e-4, 1e-6), key).toBeNull();
    }
    for (const [name, t] of Object.entries(b.state)) expect(close(a.state[name].data, Array.from(t.data), 1e-4, 1e-6), name).toBeNull();
  });

  it('writes the weights back only when read, and onEpoch reads each epoch\'s own weights', async () => {
    const graph = graphOf(`net Iris < linear 4->8; relu; linear 8->3 >
train Iris on iris < split 0.2; standardize; loss cross_entropy; optimizer adam lr=0.01; batch full; epochs 5; seed 7 >`);
    /** The first layer's weights as onEpoch sees them, at the epochs in `look`. */
    const seen = async (fused: boolean, look: number[]): Promise<Map<number, Float32Array>> => {
      fusedStep.enabled = fused;
      const weights = new Map<number, Float32Array>();
      const result = await train(graph, {
        backend,
        onEpoch: (r, model) => { if (look.includes(r.epoch)) weights.set(r.epoch, model.params[0].dataSync() as Float32Array); },
      });
      expect(Array.from(result.state['layers.0.weight'].data)).toEqual(Array.from(weights.get(5)!)); // the end's write-back
      return weights;
    };
    const every = await seen(true, [1, 2, 3, 4, 5]);
    const some = await seen(true, [3, 5]); // epochs 1, 2 and 4 write nothing back
    const generic = await seen(false, [1, 2, 3, 4, 5]);
    expect(some.get(3)).toEqual(every.get(3));
    expect(some.get(5)).toEqual(every.get(5));
    expect(every.get(1)).not.toEqual(every.get(2));
    for (const epoch of [1, 2, 3, 4, 5]) expect(close(every.get(epoch)!, Array.from(generic.get(epoch)!), 1e-4, 1e-6), `epoch ${epoch}`).toBeNull();
  });
});
