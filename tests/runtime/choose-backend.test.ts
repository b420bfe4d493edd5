// What `auto` chooses: WebAssembly for small nets and wherever WebGL is software or absent;
// WebGL only for a real GPU and a net whose step is big enough. Costs come from the typed
// graphs of real specs; renderer strings are ones browsers report.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';
import { isSoftwareRenderer, pickBackend, stepFlops, WEBGL_MIN_STEP_FLOPS } from '../../compiler/runtime/choose-backend.ts';

function graph(src: string): TypedGraph {
  const { graph: g, diagnostics } = compile(src);
  if (!g) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return g;
}

function cost(src: string): number {
  const g = graph(src);
  return stepFlops(g.nets[0], g.trains[0]);
}

const spec = (name: string) => readFileSync(new URL(`../../specs/${name}`, import.meta.url), 'utf8');

const RENDERERS = {
  swiftshader: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
  llvmpipe: 'llvmpipe (LLVM 15.0.6, 256 bits)',
  mesaLlvmpipe: 'Mesa/X.org, llvmpipe (LLVM 12.0.0, 256 bits)',
  warp: 'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
  nvidia: 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 (0x00002504) Direct3D11 vs_5_0 ps_5_0, D3D11)',
  intel: 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
  apple: 'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)',
};

// 4 -> 2048 -> 2048 -> 3 on Iris, full batch: ~8.4 MFLOP a row, 1 GFLOP a step.
const wide = `net Wide < linear 4->2048; relu; linear 2048->2048; relu; linear 2048->3 >
train Wide on iris < loss cross_entropy; batch full; epochs 5 >`;

describe('the cost of a training step', () => {
  test('is forward + backward (3 forwards) over the batch the train block uses', () => {
    const g = graph(spec('iris.dl'));
    const perRow = g.nets[0].nodes.reduce((s, n) => s + n.flops, 0);
    // Iris: 150 examples, split 0.2 -> 120 in the full batch.
    expect(g.trains[0].batch).toBe('full');
    expect(stepFlops(g.nets[0], g.trains[0])).toBe(3 * perRow * 120);
    const d = graph(spec('digits.dl'));
    const dRow = d.nets[0].nodes.reduce((s, n) => s + n.flops, 0);
    expect(stepFlops(d.nets[0], d.trains[0])).toBe(3 * dRow * (d.trains[0].batch as number));
  });

  test('every lesson spec is small; a 2048-wide MLP on a full batch is not', () => {
    for (const f of ['iris.dl', 'digits.dl', 'delay.dl', 'xor.dl', 'spiral.dl', 'sine.dl', 'flowers.dl']) {
      expect(cost(spec(f)), f).toBeLessThan(WEBGL_MIN_STEP_FLOPS);
    }
    expect(cost(wide)).toBeGreaterThan(WEBGL_MIN_STEP_FLOPS);
  });
});

describe('auto', () => {
  test('a small net runs on wasm (then cpu) whatever the GPU, and says why', () => {
    const iris = cost(spec('iris.dl'));
    for (const r of [undefined, null, ...Object.values(RENDERERS)]) {
      const pick = pickBackend(iris, r);
      expect(pick.order).toEqual(['wasm', 'cpu']);
      expect(pick.reason).toMatch(/^small net, 0\.5 MFLOP a step/);
    }
  });

  test('a big net runs on WebGL only with a real GPU', () => {
    const big = cost(wide);
    for (const r of [RENDERERS.nvidia, RENDERERS.intel, RENDERERS.apple]) {
      expect(pickBackend(big, r)).toEqual({ order: ['webgl', 'wasm', 'cpu'], reason: expect.stringMatching(/^big net, \d+ MFLOP a step, and a real GPU$/) });
    }
    expect(pickBackend(big, RENDERERS.swiftshader)).toEqual({ order: ['wasm', 'cpu'], reason: 'the WebGL here is software (SwiftShader), slower than WebAssembly' });
    expect(pickBackend(big, RENDERERS.llvmpipe).reason).toContain('(llvmpipe)');
    expect(pickBackend(big, RENDERERS.warp).order).toEqual(['wasm', 'cpu']);
    expect(pickBackend(big, null)).toEqual({ order: ['wasm', 'cpu'], reason: expect.stringMatching(/but no WebGL here$/) });
  });

  test('software renderers are told from GPUs by their strings', () => {
    expect(Object.entries(RENDERERS).filter(([, r]) => isSoftwareRenderer(r)).map(([k]) => k)).toEqual(['swiftshader', 'llvmpipe', 'mesaLlvmpipe', 'warp']);
  });
});

describe('dlc train --backend auto', () => {
  test('trains a small net on wasm in Node', async () => {
    const { spawnSync } = await import('node:child_process');
    const root = new URL('../..', import.meta.url).pathname;
    const r = spawnSync(`${root}node_modules/.bin/node`, [`${root}bin/dlc.js`, 'train', 'specs/iris.dl', '--epochs', '1', '--backend', 'auto'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('Iris on iris: 120 training and 30 test examples, 1 epochs, wasm backend');
  }, 60_000);
});
