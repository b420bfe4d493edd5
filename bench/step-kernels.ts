/**
 * `npx node bench/step-kernels.ts [digits|delay] [--profile] [--route=R]`: one training step of the
 * Digits CNN (batch 64) and the delay LSTM (batch 32, 20 steps) on wasm, the way train()
 * takes it (forward, loss, tf.variableGrads, the optimizer), timed per step; with --profile
 * also the time per kernel kind inside one step (tf.profile), to see where a step goes.
 *
 * Used to choose and measure the routes of docs/performance.md ("The LSTM and the CNN"):
 * a change to an op shows up here as milliseconds per step, without the epoch loop, data
 * loading and metrics around it. BENCH_BACKENDS picks backends (default wasm), BENCH_STEPS
 * the steps timed per run (default 50), BENCH_ROUNDS the runs of each kind (default 3): the
 * route on and off alternate (default the host kernels of ops/host.ts; `--route=conv-bias`
 * the conv's bias inside FusedConv2D, `--route=pool-forward` maxpool's maxima from the
 * backend, see "The CNN step (session 19)"), and the ratio is of their medians. On a loaded
 * machine use many short rounds (BENCH_ROUNDS=15 BENCH_STEPS=60): a few short ones mislead.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { compile } from '../compiler/index.ts';
import type { BackendName } from '../compiler/runtime/api.ts';
import { initBackend } from '../compiler/runtime/backend.ts';
import { LOSSES } from '../compiler/runtime/losses.ts';
import { Model } from '../compiler/runtime/model.ts';
import { convRoutes } from '../compiler/runtime/ops/conv.ts';
import { hostKernels } from '../compiler/runtime/ops/host.ts';
import { poolRoutes } from '../compiler/runtime/ops/pool-host.ts';
import { createOptimizer } from '../compiler/runtime/optimizers/index.ts';
import { targetTensor } from '../compiler/runtime/targets.ts';

interface Case { name: string; file: string; net: string; batch: number }
const CASES: Case[] = [
  { name: 'digits', file: 'digits.dl', net: 'Digits', batch: 64 },
  { name: 'delay', file: 'delay.dl', net: 'Memory', batch: 32 },
];

const args = process.argv.slice(2);
const profile = args.includes('--profile');
/**
 * What alternates with what: `--route=host` (default) the host kernels on and off; the other
 * routes of docs/performance.md ("The CNN step") one at a time, everything else on.
 */
const ROUTES: Record<string, (on: boolean) => void> = {
  host: (on) => { hostKernels.enabled = on; },
  'conv-bias': (on) => { convRoutes.fusedBias = on; },
  'pool-forward': (on) => { poolRoutes.backendForward = on; },
};
const routeName = args.find((a) => a.startsWith('--route='))?.slice('--route='.length) ?? 'host';
const route = ROUTES[routeName];
if (route === undefined) throw new Error(`unknown --route=${routeName}; known: ${Object.keys(ROUTES).join(', ')}`);
const only = args.filter((a) => !a.startsWith('--'));
const backends = (process.env.BENCH_BACKENDS ?? 'wasm').split(',') as BackendName[];
const STEPS = Number(process.env.BENCH_STEPS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

for (const backend of backends) {
  await initBackend(backend);
  for (const c of CASES.filter((k) => only.length === 0 || only.includes(k.name))) {
    const { graph, diagnostics } = compile(readFileSync(new URL(`./specs/${c.file}`, import.meta.url), 'utf8'));
    if (!graph) throw new Error(diagnostics.map((d) => d.message).join('\n'));
    const net = graph.nets.find((n) => n.name === c.net)!;
    const block = graph.trains.find((t) => t.net === c.net)!;
    const model = new Model(net, { seed: 0 });
    const optimizer = createOptimizer(block.optimizer);
    const lossFn = LOSSES[block.loss];
    const x = tf.randomNormal([c.batch, ...net.inputShape]);
    const classes = net.outputShape[net.outputShape.length - 1];
    const labels = Int32Array.from({ length: c.batch }, (_, i) => i % classes);
    const y = targetTensor(block.loss, labels, c.batch, net.outputShape);
    const step = () => tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => lossFn(model.forward(x, true), y), model.params);
      optimizer.step(model.params, model.params.map((p) => grads[p.name]));
      return value;
    });
    const time = async (on: boolean) => {
      route(on);
      for (let i = 0; i < 5; i++) step().dispose();
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      let last: tf.Tensor | null = null;
      for (let i = 0; i < STEPS; i++) {
        last?.dispose();
        last = step();
      }
      await last!.data();
      last!.dispose();
      const cpu = process.cpuUsage(cpu0);
      return { wall: (performance.now() - t0) / STEPS, cpu: (cpu.user + cpu.system) / 1000 / STEPS };
    };
    // Host kernels on and off, alternating; the median of ROUNDS of each.
    const on: Array<{ wall: number; cpu: number }> = [];
    const off: Array<{ wall: number; cpu: number }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      on.push(await time(true));
      off.push(await time(false));
    }
    route(true);
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const fig = (rs: Array<{ wall: number; cpu: number }>) =>
      `${med(rs.map((r) => r.wall)).toFixed(2)} ms wall ${med(rs.map((r) => r.cpu)).toFixed(2)} ms CPU`;
    const ratio = (k: 'wall' | 'cpu') => (med(off.map((r) => r[k])) / med(on.map((r) => r[k]))).toFixed(2);
    console.log(`${backend} ${c.name} (batch ${c.batch}), per step: ${routeName} on ${fig(on)}; off ${fig(off)}; gain ${ratio('wall')}x wall, ${ratio('cpu')}x CPU`);
    if (profile) {
      const info = await tf.profile(() => { step().dispose(); });
      const byKernel = new Map<string, { n: number; ms: number }>();
      for (const k of info.kernels) {
        const e = byKernel.get(k.name) ?? { n: 0, ms: 0 };
        e.n += 1;
        e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
        byKernel.set(k.name, e);
      }
      const rows = [...byKernel].sort((a, b) => b[1].ms - a[1].ms);
      const total = rows.reduce((s, [, e]) => s + e.ms, 0);
      console.log(`  ${info.kernels.length} kernels, ${total.toFixed(2)} ms of kernel time`);
      for (const [name, e] of rows) console.log(`  ${name.padEnd(28)} ${String(e.n).padStart(5)} ${e.ms.toFixed(3).padStart(9)} ms`);
    }
    model.dispose();
    optimizer.dispose();
    x.dispose();
    y.dispose();
  }
}
