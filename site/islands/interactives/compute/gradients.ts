/**
 * `gradient-view`: one forward and one backward pass of a small net on one example, with
 * the gradient of the loss for every parameter, computed by the runtime's autograd
 * (tf.variableGrads over the Model's parameters) with the loss the train block would use.
 */
import * as tf from '@tensorflow/tfjs-core';
import { LOSSES, type LossName, lossTarget, Model, type StateDict } from 'dlc/runtime';
import type { PlainState } from '../shared/dense-forward.ts';
import { compileNet } from './spec.ts';

export interface GradientParams {
  /** A spec holding the net. */
  spec: string;
  /** Its weights, by state_dict name. */
  state: PlainState;
  /** One example's input values. */
  x: number[];
  /** The example's target: a class index, a 0/1 label or regression values. */
  target: number[];
  loss: LossName;
}

export interface GradientResult {
  /** The net's output for the example. */
  output: number[];
  loss: number;
  /** dLoss/dParam by state_dict name, row-major in the parameter's PyTorch layout. */
  grads: Record<string, { shape: number[]; data: number[] }>;
}

function toStateDict(state: PlainState): StateDict {
  const out: StateDict = {};
  for (const [name, t] of Object.entries(state)) out[name] = { shape: [...t.shape], data: Float32Array.from(t.data), dtype: 'float32' };
  return out;
}

/**
 * @example
 * backward({ spec: TINY_SPEC, state: TINY_STATE, x: [2, 1], target: [1], loss: 'bce' })
 *   .grads['layers.2.weight'].data // [0, -1.4967] as in the lesson
 */
export function backward(p: GradientParams): GradientResult {
  const net = compileNet(p.spec);
  const model = new Model(net, { state: toStateDict(p.state) });
  try {
    let output: number[] = [];
    const { value, grads } = tf.tidy(() => {
      const x = tf.tensor(p.x, [1, ...net.inputShape]);
      const values = Float32Array.from(p.target);
      const targetShape = p.loss === 'cross_entropy' ? [1, net.outputShape[net.outputShape.length - 1]] : [1, ...net.outputShape];
      const target = tf.tensor(lossTarget(p.loss, p.loss === 'cross_entropy' ? Int32Array.from(p.target) : values, 1, net.outputShape), targetShape);
      return tf.variableGrads(() => {
        const y = model.forward(x, false);
        output = Array.from(y.dataSync());
        return LOSSES[p.loss](y, target);
      }, model.params);
    });
    const out: GradientResult = { output, loss: value.dataSync()[0], grads: {} };
    model.params.forEach((v, i) => {
      out.grads[model.paramNames[i]] = { shape: [...v.shape], data: Array.from(grads[v.name].dataSync()) };
    });
    tf.dispose([value, ...Object.values(grads)]);
    return out;
  } finally {
    model.dispose();
  }
}
