/**
 * Does any shipped spec trip the divergence rule (runtime/divergence.ts)? Trains every
 * train block of specs/*.dl for seeds 0..19 (or the seeds given) and prints, per spec, how
 * many runs diverged and the largest ratio of an epoch's loss to the first epoch's.
 * Slow (minutes): run by hand when the rule or a spec changes, and note the result in
 * docs/language.md ("Divergence").
 *
 *   npx node tools/divergence-seeds.ts [FIRST_SEED LAST_SEED [SPEC.dl...]]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../compiler/index.ts';
import { initBackend } from '../compiler/runtime/backend.ts';
import { train } from '../compiler/runtime/train.ts';

const root = join(import.meta.dirname, '..');
const [first, last] = [Number(process.argv[2] ?? 0), Number(process.argv[3] ?? 19)];
const backend = await initBackend('auto');
const chosen = process.argv.slice(4);
const files = chosen.length ? chosen : readdirSync(join(root, 'specs')).filter((x) => x.endsWith('.dl')).sort();
for (const f of files) {
  const { graph } = compile(readFileSync(join(root, 'specs', f), 'utf8'), { file: f, readFile: (p) => readFileSync(join(root, 'specs', p), 'utf8') });
  if (!graph) continue;
  for (const block of graph.trains) {
    let diverged = 0;
    let worst = 0;
    for (let seed = first; seed <= last; seed++) {
      const r = await train(graph, { net: block.net, backend, seed, readFile: (p) => readFileSync(join(root, 'specs', p), 'utf8') });
      if (r.stopped === 'diverged') diverged++;
      const start = r.history[0]?.trainLoss ?? NaN;
      for (const e of r.history) worst = Math.max(worst, e.trainLoss / start);
    }
    console.log(`${f} ${block.net}: ${diverged} of ${last - first + 1} runs diverged; largest epoch loss / first epoch's: ${worst.toFixed(3)}`);
  }
}
