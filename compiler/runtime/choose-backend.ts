/**
 * What `auto` means: the backend is chosen by the net's cost and the device, not by what
 * starts first. A training step on WebGL pays a fixed price per kernel (a shader dispatch and
 * a texture round trip) that a small net never earns back, and a software WebGL (SwiftShader,
 * llvmpipe: what a browser without a usable GPU offers) is slower than WebAssembly at any size.
 * So WebGL is chosen only for a real GPU and a net whose step is big enough to gain from it.
 *
 * Pure: the caller measures the device (the WebGL renderer string, read through
 * WEBGL_debug_renderer_info) and the cost comes from the typed graph.
 */
import type { NetGraph, TrainGraph } from '../graph/types.ts';
import type { BackendName } from './api.ts';

/**
 * FLOPs in one training step from which WebGL on a real GPU beats WebAssembly. A step is
 * some 30 to 100 kernels; at ~0.1-0.3 ms of dispatch and read-back each on WebGL, that is a
 * few milliseconds WebAssembly spends on about 1e8 FLOPs (2-5 GFLOP/s with SIMD).
 */
export const WEBGL_MIN_STEP_FLOPS = 1e8;

/** Renderer strings of WebGL done on the CPU. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render driver|mesa offscreen/i;

/** Rows a data set has when the typed graph does not say (a csv file): a guess. */
const ROWS_GUESS = 2000;

export interface BackendPick {
  /** Backends to try in order; the first that starts is used. */
  order: BackendName[];
  /** Why this backend, a short phrase for the learner ("Auto: ..."). */
  reason: string;
}

/** Examples in the data set before the test split, from the typed graph. */
export function datasetRows(train: TrainGraph): number {
  const d = train.dataset;
  if (d.name === 'iris') return 150;
  if (d.name === 'digits') return 1797;
  const n = d.options.n;
  return typeof n === 'number' ? n : ROWS_GUESS;
}

/**
 * FLOPs of one training step: forward and backward (about three forwards) over one batch.
 *
 * @example
 * stepFlops(irisNet, irisTrain) // ~1.6e5: full batch of 120 rows through 4-16-3
 */
export function stepFlops(net: NetGraph, train: TrainGraph): number {
  const perRow = net.nodes.reduce((sum, n) => sum + n.flops, 0);
  const trainRows = Math.max(1, Math.floor(datasetRows(train) * (1 - train.split)));
  const rows = train.batch === 'full' ? trainRows : Math.min(train.batch, trainRows);
  return 3 * perRow * rows;
}

/** True when a net this costly could gain from a GPU: only then is the renderer worth probing. */
export function gpuCouldGain(flopsPerStep: number): boolean {
  return flopsPerStep >= WEBGL_MIN_STEP_FLOPS;
}

/** True for a WebGL implemented on the CPU. */
export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERER.test(renderer);
}

function mflops(flops: number): string {
  const m = flops / 1e6;
  return m >= 10 ? m.toFixed(0) : m >= 0.1 ? m.toFixed(1) : m.toFixed(2);
}

/**
 * Picks the backend for `auto`. `renderer` is the unmasked WebGL renderer, `null` where
 * there is no WebGL (Node, or a browser without it), `undefined` when not probed (a small
 * net never needs it).
 *
 * @example
 * pickBackend(2e5, undefined).order // ['wasm', 'cpu']
 * pickBackend(3e8, 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)').order // ['webgl', 'wasm', 'cpu']
 * pickBackend(3e8, 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)').order // ['wasm', 'cpu']
 */
export function pickBackend(flopsPerStep: number, renderer: string | null | undefined): BackendPick {
  const cost = `${mflops(flopsPerStep)} MFLOP a step`;
  const cpuOnly: BackendName[] = ['wasm', 'cpu'];
  if (!gpuCouldGain(flopsPerStep)) {
    return { order: cpuOnly, reason: `small net, ${cost}, trains faster on the CPU` };
  }
  if (renderer === null || renderer === undefined) {
    return { order: cpuOnly, reason: `big net, ${cost}, but no WebGL here` };
  }
  if (isSoftwareRenderer(renderer)) {
    return { order: cpuOnly, reason: `the WebGL here is software (${softwareName(renderer)}), slower than WebAssembly` };
  }
  return { order: ['webgl', 'wasm', 'cpu'], reason: `big net, ${cost}, and a real GPU` };
}

function softwareName(renderer: string): string {
  return SOFTWARE_RENDERER.exec(renderer)?.[0] ?? 'software';
}
