/**
 * Compiler benchmark (`npm run bench` or `npx node bench/compile.ts`). Prints:
 *  - warm compile time per example spec, in microseconds;
 *  - the time to check generated nets of 10,000 and 100,000 layers, and their ratio
 *    (~10 when the cost grows linearly);
 *  - compiling the 10,000-layer net against JSON.parse of that net's own typed graph, the
 *    physical yardstick of this machine (target: within 10x).
 * Times are this process's CPU time (user + system, all its threads), the best of several
 * runs: the machine is shared, and wall-clock time there mostly measures the other jobs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { compile } from '../compiler/index.ts';

const specsDir = fileURLToPath(new URL('../specs/', import.meta.url));

// Each timed run starts from a collected heap, so one run's garbage is not billed to the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function best(runs: number, f: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    gc();
    const t = process.cpuUsage();
    f();
    const used = process.cpuUsage(t);
    min = Math.min(min, (used.user + used.system) / 1000);
  }
  return min;
}

/**
 * A net of `layers` layers, `linear 8->8;relu;` repeated (every layer is shape-checked),
 * written densely so that 100,000 layers stay under the 1 MB source limit.
 */
export function bigNet(layers: number): string {
  const pairs = layers / 2;
  const lines = ['net Big <', 'input 8;'];
  for (let i = 0; i < pairs; i += 5) lines.push('linear 8->8;relu;'.repeat(Math.min(5, pairs - i)));
  lines.push('>', '');
  return lines.join('\n');
}

function mustCompile(source: string) {
  const { graph, diagnostics } = compile(source);
  if (!graph) throw new Error(`benchmark spec does not compile: ${diagnostics[0]?.message}`);
  return graph;
}

console.log('warm compile, per spec (best of 5 batches):');
for (const file of readdirSync(specsDir).filter((f) => f.endsWith('.dl')).sort()) {
  const source = readFileSync(specsDir + file, 'utf8');
  const batch = 2000;
  for (let i = 0; i < 1000; i++) compile(source);
  const ms = best(5, () => {
    for (let i = 0; i < batch; i++) compile(source);
  });
  console.log(`  ${file.padEnd(28)} ${((ms * 1000) / batch).toFixed(1).padStart(8)} us`);
}

const small = bigNet(10_000);
const large = bigNet(100_000);
mustCompile(small);
const t10k = best(10, () => compile(small));
mustCompile(large);
const t100k = best(3, () => compile(large));
console.log(`\ncheck a 10,000-layer net:   ${t10k.toFixed(1).padStart(8)} ms`);
console.log(`check a 100,000-layer net:  ${t100k.toFixed(1).padStart(8)} ms`);
console.log(`ratio 100k / 10k:           ${(t100k / t10k).toFixed(1).padStart(8)}   (linear: ~10)`);

const json = JSON.stringify(mustCompile(small));
const tParse = best(20, () => JSON.parse(json));
console.log(`\nJSON.parse of its graph (${(json.length / 1e6).toFixed(1)} MB): ${tParse.toFixed(1).padStart(8)} ms`);
console.log(`compile / JSON.parse:       ${(t10k / tParse).toFixed(1).padStart(8)}   (target: within 10)`);
