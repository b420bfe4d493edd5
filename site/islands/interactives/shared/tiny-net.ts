/**
 * The tiny network of the forward-pass and backpropagation lessons, with the round weights
 * the lessons fix so the arithmetic can be followed by hand: 2 inputs, 2 hidden ReLU units,
 * 1 sigmoid output. The stepper and the gradient view start from it.
 */
import type { PlainState } from './dense-forward.ts';

export const TINY_SPEC = `net Tiny <
  linear 2->2; relu;
  linear 2->1; sigmoid
>`;

/** PyTorch layout: Linear weight [out, in]. */
export const TINY_STATE: PlainState = {
  'layers.0.weight': { shape: [2, 2], data: [-0.5, 0.25, 1.5, 0.5] },
  'layers.0.bias': { shape: [2], data: [0.5, -1.0] },
  'layers.2.weight': { shape: [1, 2], data: [0.8, -0.4] },
  'layers.2.bias': { shape: [1], data: [0.6] },
};

export const TINY_INPUT: readonly number[] = [2, 1];

/** The right answer of the backpropagation lesson's example: "yes". */
export const TINY_TARGET = 1;
