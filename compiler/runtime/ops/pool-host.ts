/**
 * nn.MaxPool2d (no padding, floor mode) on NHWC for cpu and wasm (see host.ts): the backend's
 * MaxPool kernel for the maxima and a host gradient that sends dy where PyTorch sends it. The
 * tfjs composition in pool.ts (windows gathered by transposes, argMax, a one-hot mask, and
 * all their gradients) is about 20 kernels a layer per training step.
 *
 * The gradient is PyTorch's: windows scanned row by row, the first of equal values kept, so
 * ties, such as the zero borders of digit images, send the gradient where PyTorch sends it.
 */
import * as tf from '@tensorflow/tfjs-core';
import { hostView } from './host.ts';
import { mayHoldNaN, maxPoolLoop, poolGrad, type PoolGeometry } from './pool-math.ts';

/** Switch for bench/step-kernels.ts's A/B (always on in dlc): the maxima from the backend or from hostLoopMaxPool. */
export const poolRoutes = { backendForward: true };

const KERNEL = 'DlcMaxPool';

interface PoolAttrs { filterSize: [number, number]; strides: [number, number]; pad: 'valid' }

/**
 * The maximum of each window is the backend's own MaxPool (XNNPACK on wasm: a plain JS pass
 * over the activations costs several times more); only the gradient is ours, on the host:
 * it finds, in each window, the first value equal to the window's maximum (row by row, as
 * PyTorch scans) and sends dy there. tfjs's MaxPoolGrad sends ties elsewhere.
 */
tf.registerGradient({
  kernelName: KERNEL,
  inputsToSave: ['x'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, y] = saved as [tf.Tensor4D, tf.Tensor4D];
    const { filterSize, strides } = attrs as unknown as PoolAttrs;
    return { x: () => routeToFirstMax(x, y, dy as tf.Tensor4D, filterSize, strides) };
  },
});

/** nn.MaxPool2d on NHWC, cpu and wasm (see host.ts). */
export function hostMaxPool(x: tf.Tensor4D, kernel: [number, number], stride: [number, number]): tf.Tensor4D {
  // The backends' MaxPool drops NaN (wasm's even gives -Infinity for a window starting with
  // one), where PyTorch's maximum is NaN: such inputs, from a diverging run, take the host loop.
  const backend = tf.getBackend();
  const pool = tf.getKernel('MaxPool', backend);
  if (!poolRoutes.backendForward || pool === undefined || mayHoldNaN(hostView(x))) return hostLoopMaxPool(x, kernel, stride);
  if (tf.getKernel(KERNEL, backend) === undefined) tf.registerKernel({ kernelName: KERNEL, backendName: backend, kernelFunc: pool.kernelFunc });
  const attrs: PoolAttrs = { filterSize: kernel, strides: stride, pad: 'valid' };
  return tf.engine().runKernel(KERNEL, { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor4D;
}

/** dx for dy [N, OH, OW, C]: each dy at the first element of its window equal to the maximum y. */
function routeToFirstMax(
  x: tf.Tensor4D, y: tf.Tensor4D, dy: tf.Tensor4D, [kh, kw]: [number, number], [sh, sw]: [number, number],
): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const [, oh, ow] = y.shape;
  const xv = hostView(x);
  const dx = new Float32Array(xv.length);
  poolGrad(xv, hostView(y), null, hostView(dy), n, { c, kh, kw, sh, sw, h, w, oh, ow }, dx);
  return tf.tensor4d(dx, x.shape);
}

/** The maxima and where they were in one host pass (pool-math.ts), with a gradient that sends dy there. */
function hostLoopMaxPool(x: tf.Tensor4D, [kh, kw]: [number, number], [sh, sw]: [number, number]): tf.Tensor4D {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const xs = args[0] as tf.Tensor4D;
    const [n, h, w, c] = xs.shape;
    const g: PoolGeometry = { c, kh, kw, sh, sw, h, w, oh: Math.floor((h - kh) / sh) + 1, ow: Math.floor((w - kw) / sw) + 1 };
    const xv = xs.dataSync() as Float32Array;
    const { y, from } = maxPoolLoop(xv, n, g);
    return {
      value: tf.tensor4d(y, [n, g.oh, g.ow, c]),
      gradFunc: (dy: tf.Tensor) => {
        const dx = new Float32Array(xv.length);
        poolGrad(xv, y, from, dy.dataSync() as Float32Array, n, g, dx);
        return tf.tensor4d(dx, xs.shape);
      },
    };
  });
  return op(x) as tf.Tensor4D;
}
