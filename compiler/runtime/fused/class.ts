/**
 * The class of nets the fused training step takes: a feature vector through linear layers
 * and elementwise activations only, on a backend whose tensors the host can read without a
 * round trip (cpu, wasm). The class is read off the typed graph, never off a spec's name;
 * every other net trains through the generic op-by-op path.
 */
import type { NetGraph, OpKind } from '../../graph/types.ts';
import type { BackendName } from '../api.ts';
import { ACTIVATIONS } from './elementwise.ts';

/** Ops the fused step implements: linear, and the activations elementwise.ts writes with their gradients. */
export const FUSED_OPS: ReadonlySet<OpKind> = new Set<OpKind>(['linear', ...(Object.keys(ACTIVATIONS) as OpKind[])]);

/** Backends whose kernels the fused step calls and whose tensors it reads synchronously. */
const FUSED_BACKENDS: ReadonlySet<BackendName> = new Set<BackendName>(['cpu', 'wasm']);

/** Why `net` on `backend` is outside the fused class, or null when the fused step takes it. */
export function outsideFusedClass(net: NetGraph, backend: BackendName): string | null {
  if (!FUSED_BACKENDS.has(backend)) return `the ${backend} backend keeps its tensors on the device`;
  if (net.inputShape.length !== 1) return `its input [${net.inputShape.join(', ')}] is not a feature vector`;
  const other = net.nodes.find((n) => !FUSED_OPS.has(n.op));
  if (other !== undefined) return `layer ${other.index} is ${other.op}`;
  if (!net.nodes.some((n) => n.op === 'linear')) return 'it has no linear layer';
  return null;
}
