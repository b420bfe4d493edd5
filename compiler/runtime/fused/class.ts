/**
 * The class of nets the fused training step takes: a feature vector through linear layers
 * and elementwise activations, or an image through conv, maxpool and those activations to a
 * flatten and then as before, on a backend whose tensors the host can read without a
 * round trip (cpu, wasm). The class is read off the typed graph, never off a spec's name;
 * every other net trains through the generic op-by-op path.
 */
import type { NetGraph, OpKind } from '../../graph/types.ts';
import type { BackendName } from '../api.ts';
import { ACTIVATIONS } from './elementwise.ts';

/**
 * Ops the fused step implements: linear, conv, maxpool and flatten (images.ts: the lowerings
 * of ops/conv.ts and ops/pool-host.ts, every stride and padding they take), and the
 * activations elementwise.ts writes with their gradients. Batchnorm, dropout and avgpool,
 * among others, keep the generic step.
 */
export const FUSED_OPS: ReadonlySet<OpKind> = new Set<OpKind>(['linear', 'conv', 'maxpool', 'flatten', ...(Object.keys(ACTIVATIONS) as OpKind[])]);

/** Backends whose kernels the fused step calls and whose tensors it reads synchronously. */
const FUSED_BACKENDS: ReadonlySet<BackendName> = new Set<BackendName>(['cpu', 'wasm']);

/** The conv attributes images.ts implements (a new one, such as dilation, leaves the class until it does). */
const CONV_ATTRS: ReadonlySet<string> = new Set(['in', 'out', 'kernel', 'stride', 'pad', 'bias']);

/** Why `net` on `backend` is outside the fused class, or null when the fused step takes it. */
export function outsideFusedClass(net: NetGraph, backend: BackendName): string | null {
  if (!FUSED_BACKENDS.has(backend)) return `the ${backend} backend keeps its tensors on the device`;
  if (net.inputShape.length !== 1 && net.inputShape.length !== 3) {
    return `its input [${net.inputShape.join(', ')}] is neither a feature vector nor an image`;
  }
  const other = net.nodes.find((n) => !FUSED_OPS.has(n.op));
  if (other !== undefined) return `layer ${other.index} is ${other.op}`;
  // linear over the last axis of an image, or a conv of a vector, is not a lowering the step has.
  const wrong = net.nodes.find((n) => (n.op === 'linear' && n.inShape.length !== 1) || ((n.op === 'conv' || n.op === 'maxpool') && n.inShape.length !== 3));
  if (wrong !== undefined) return `layer ${wrong.index} (${wrong.op}) takes a [${wrong.inShape.join(', ')}] input`;
  // A maxpool padded or in ceil mode is not pool-host.ts's lowering.
  const pool = net.nodes.find((n) => n.op === 'maxpool' && Object.keys(n.attrs).some((k) => k !== 'kernel' && k !== 'stride'));
  if (pool !== undefined) return `layer ${pool.index} is a maxpool with ${Object.keys(pool.attrs).filter((k) => k !== 'kernel' && k !== 'stride').join(', ')}`;
  const conv = net.nodes.find((n) => n.op === 'conv' && Object.keys(n.attrs).some((k) => !CONV_ATTRS.has(k)));
  if (conv !== undefined) return `layer ${conv.index} is a conv with ${Object.keys(conv.attrs).filter((k) => !CONV_ATTRS.has(k)).join(', ')}`;
  if (!net.nodes.some((n) => n.op === 'linear' || n.op === 'conv')) return 'it has no linear or conv layer';
  return null;
}
