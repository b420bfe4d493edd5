/**
 * The lessons' PyTorch code is runnable and its printed numbers are true on any x86-64
 * machine: every ```python block in a lesson is a whole script kept in
 * site/content/lessons/code/, and the ```text block right after it is what that script
 * prints with Debian's PyTorch 1.13 and scikit-learn 1.2, within a tolerance that fits
 * each number.
 *
 * Different CPUs round the last bits of a sum differently (AVX2 against AVX-512 kernels),
 * and training amplifies that. OpenBLAS and ATen can be told to use other kernels on one
 * machine, so every script runs under OPENBLAS_CORETYPE in {unset, Haswell, SkylakeX,
 * Sandybridge} x ATEN_CPU_CAPABILITY in {unset, default}: the full matrix for scripts
 * whose output comes out of BLAS-sensitive training or long chains of float products
 * (TRAINED below), and a reduced one (unset/unset, and Sandybridge/default: the oldest
 * kernels, furthest from a current CPU's own) for deterministic arithmetic. A coretype the CPU
 * cannot execute (SkylakeX needs AVX-512) kills the process with SIGILL, so those
 * combinations are skipped, by name, on such CPUs.
 *
 * Comparison: the text between numbers must match exactly (runs of spaces count as one,
 * since a number's width may change); each number matches exactly unless a TOLERANCES
 * rule for its line says otherwise, with the reason.
 */
import { execFile } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const lessons = join(import.meta.dirname, '../../site/content/lessons');
const codeDir = join(lessons, 'code');

const scripts = new Map<string, string>(
  readdirSync(codeDir)
    .filter((f) => f.endsWith('.py'))
    .map((f) => [readFileSync(join(codeDir, f), 'utf8').trim(), f]),
);

interface Block { lesson: string; code: string; output: string | null }

function blocks(): Block[] {
  const found: Block[] = [];
  const pattern = /```python\n([\s\S]*?)```\n(?:\n(?:[^\n`]+\n\n)?```text\n([\s\S]*?)```)?/g;
  for (const lesson of readdirSync(lessons).filter((f) => f.endsWith('.mdx')).sort()) {
    const text = readFileSync(join(lessons, lesson), 'utf8');
    for (const m of text.matchAll(pattern)) found.push({ lesson, code: m[1].trim(), output: m[2] ?? null });
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// Tolerances. A rule applies to the numbers on the lines of the lesson's output that
// `line` matches: `factor` to numbers written with an exponent (1e-07: the two values
// within that ratio, for sizes whose digit is rounding noise), `abs` to the others
// (absolute; percentages in percentage points). Numbers no rule covers match exactly.
// ---------------------------------------------------------------------------------------

interface Rule { line: RegExp; abs?: number; factor?: number; why: string }

const hasExponent = (n: string) => n.includes('e');

const TOLERANCES: Record<string, Rule[]> = {
  '02-linear-collapse.py': [
    { line: /^largest difference/, factor: 10, why: 'float32 rounding noise: its size (about 1e-7), not its digits' },
  ],
  '04-gd-variants.py': [
    { line: /^stochastic|^mini-batch/, abs: 0.002, why: 'a few epochs of shuffled updates: kernels move the third decimal' },
  ],
  '09-iris-classifier.py': [
    { line: /^epoch/, abs: 0.002, why: 'trained loss: full-batch Adam, late digits follow the kernels' },
  ],
  '09-iris-seeds-and-splits.py': [
    { line: /^split 42/, abs: 2, why: 'counts of seeds per accuracy: a seed near a boundary can move one flower' },
    { line: /^seed 0/, abs: 3.4, why: 'one run per split: one flower (3.3 points) either way' },
  ],
  '10-iris-dataloader.py': [
    { line: /^epoch/, abs: 0.003, why: 'mini-batch Adam over 16 epochs: kernels can move the third decimal of a loss' },
  ],
  '11-delay-training.py': [
    { line: /^(RNN|LSTM) {1,2}\d/, abs: 2, why: 'counts of seeds that learn a chaotic task: one or two can flip' },
  ],
  '11-gradient-per-step.py': [
    { line: /seed/, factor: 3, why: 'products of 40 recurrent Jacobians: sizes, not digits, are stable' },
  ],
  '11-forget-bias.py': [
    { line: /^seed/, factor: 3, abs: 0.01, why: 'gradient ratios through 40 LSTM steps: sizes, not digits; gate means to ±0.01' },
  ],
  '12-growing-width.py': [
    { line: /^width/, abs: 0.005, why: 'trained fits: 300 epochs of shuffled Adam' },
  ],
  '13-iris-longer-training.py': [
    { line: /^after/, abs: 1, why: 'counts of seeds with 100%: one seed near the boundary can flip' },
  ],
};

/** Scripts whose output comes out of training or long float chains: full kernel matrix. */
const TRAINED = new Set([
  '04-gd-variants.py',
  '05-sgd-vs-adam.py',
  '06-no-activation.py',
  '09-iris-classifier.py',
  '09-iris-seeds-and-splits.py',
  '10-digits-shapes.py',
  '10-iris-dataloader.py',
  '11-delay-training.py',
  '11-gradient-per-step.py',
  '11-forget-bias.py',
  '12-growing-width.py',
  '13-classical-baseline.py',
  '13-iris-longer-training.py',
]);

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;

/** Lines of output, each split into its text skeleton and its numbers. */
function parse(text: string): { skeleton: string; numbers: string[] }[] {
  return text.trim().split('\n').map((line) => ({
    skeleton: line.replace(NUMBER, '#').replace(/ +/g, ' ').trim(),
    numbers: line.match(NUMBER) ?? [],
  }));
}

/** Differences between what the lesson shows and what a run printed; empty when it holds. */
function compareOutput(script: string, shown: string, printed: string): string[] {
  const rules = TOLERANCES[script] ?? [];
  const want = parse(shown);
  const got = parse(printed);
  if (want.length !== got.length) return [`${want.length} lines shown, ${got.length} printed:\n${printed}`];
  const problems: string[] = [];
  const shownLines = shown.trim().split('\n');
  want.forEach((w, i) => {
    const g = got[i];
    if (w.skeleton !== g.skeleton || w.numbers.length !== g.numbers.length) {
      problems.push(`line ${i + 1}: shown "${shownLines[i]}", printed "${printed.trim().split('\n')[i]}"`);
      return;
    }
    const rule = rules.find((r) => r.line.test(shownLines[i]));
    w.numbers.forEach((n, k) => {
      const a = Number(n);
      const b = Number(g.numbers[k]);
      const factor = hasExponent(n) ? rule?.factor : undefined;
      const abs = hasExponent(n) ? undefined : rule?.abs;
      const holds =
        factor !== undefined ? a * b > 0 && Math.max(a / b, b / a) <= factor
        : abs !== undefined ? Math.abs(a - b) <= abs + 1e-12
        : n === g.numbers[k];
      if (!holds) {
        const tol = factor !== undefined ? ` (within x${factor}: ${rule!.why})` : abs !== undefined ? ` (within ±${abs}: ${rule!.why})` : ' (exact)';
        problems.push(`line ${i + 1}: shown ${n}, printed ${g.numbers[k]}${tol}\n  ${shownLines[i]}`);
      }
    });
  });
  return problems;
}

// ---------------------------------------------------------------------------------------
// Kernel combinations.
// ---------------------------------------------------------------------------------------

interface Combo { coretype?: string; aten?: string }
const name = (c: Combo) => `OPENBLAS_CORETYPE=${c.coretype ?? 'unset'} ATEN_CPU_CAPABILITY=${c.aten ?? 'unset'}`;

const CORETYPES = [undefined, 'Haswell', 'SkylakeX', 'Sandybridge'];
const ATEN = [undefined, 'default'];
const FULL: Combo[] = CORETYPES.flatMap((coretype) => ATEN.map((aten) => ({ coretype, aten })));
const REDUCED: Combo[] = [{}, { coretype: 'Sandybridge', aten: 'default' }];

/** The instruction-set flag each OpenBLAS coretype needs. */
const NEEDS: Record<string, string> = { Haswell: 'avx2', SkylakeX: 'avx512f', Sandybridge: 'avx' };
const cpuFlags = new Set(
  (/^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '').trim().split(/\s+/),
);
const runnable = (c: Combo) => !c.coretype || cpuFlags.has(NEEDS[c.coretype]);

/** At most this many Python processes at once: the machine is shared. */
const SLOTS = Math.max(1, Math.min(4, availableParallelism()));
let busy = 0;
const waiting: (() => void)[] = [];
async function slot<T>(job: () => Promise<T>): Promise<T> {
  if (busy >= SLOTS) await new Promise<void>((go) => waiting.push(go));
  busy++;
  try {
    return await job();
  } finally {
    busy--;
    waiting.shift()?.();
  }
}

const outputs = new Map<string, Promise<string>>();
function output(script: string, combo: Combo): Promise<string> {
  const key = `${script} ${name(combo)}`;
  if (!outputs.has(key)) {
    const env: NodeJS.ProcessEnv = { ...process.env, OMP_NUM_THREADS: '1' };
    delete env.OPENBLAS_CORETYPE;
    delete env.ATEN_CPU_CAPABILITY;
    if (combo.coretype) env.OPENBLAS_CORETYPE = combo.coretype;
    if (combo.aten) env.ATEN_CPU_CAPABILITY = combo.aten;
    // One thread per process (OMP_NUM_THREADS): the processes run side by side instead.
    outputs.set(key, slot(() => run('/usr/bin/python3', [script], { cwd: codeDir, env, timeout: 900_000 }).then((r) => r.stdout)));
  }
  return outputs.get(key)!;
}

describe('lesson code', () => {
  const all = blocks();

  it('finds the lessons\' python blocks', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it('has tolerances only for kept scripts, and every trained script is kept', () => {
    const kept = new Set(scripts.values());
    for (const s of [...Object.keys(TOLERANCES), ...TRAINED]) expect(kept, s).toContain(s);
  });

  it('compares numbers exactly unless a rule says otherwise', () => {
    expect(compareOutput('none.py', 'loss 0.9130', 'loss 0.9130')).toEqual([]);
    expect(compareOutput('none.py', 'loss 0.9130', 'loss 0.9131')).toHaveLength(1);
    expect(compareOutput('none.py', 'loss 0.9130', 'cost 0.9130')).toHaveLength(1);
    expect(compareOutput('11-delay-training.py', 'RNN  7 of 8', 'RNN  5 of 8')).toEqual([]);
    expect(compareOutput('11-delay-training.py', 'RNN  7 of 8', 'RNN  4 of 8')).toHaveLength(1);
    expect(compareOutput('02-linear-collapse.py', 'largest difference 1.2e-07', 'largest difference 9.0e-07')).toEqual([]);
    expect(compareOutput('02-linear-collapse.py', 'largest difference 1.2e-07', 'largest difference 2.0e-06')).toHaveLength(1);
  });

  for (const [i, block] of all.entries()) {
    const script = scripts.get(block.code);
    const title = `${block.lesson} python block ${i + 1} (${script ?? 'no kept script'})`;
    it(`${title} is a kept script`, () => {
      expect(script, `no file in site/content/lessons/code/ holds this block:\n${block.code.slice(0, 200)}`).toBeDefined();
    });
    if (!script || block.output === null) continue;
    const shown = block.output;
    for (const combo of TRAINED.has(script) ? FULL : REDUCED) {
      const why = runnable(combo) ? '' : ` (skipped: this CPU lacks ${NEEDS[combo.coretype!]})`;
      // Concurrent: vitest starts the tests together and the slots above limit how many
      // Python processes run at once.
      it.concurrent(`${title} prints what the lesson shows under ${name(combo)}${why}`, async ({ expect, skip }) => {
        if (!runnable(combo)) return skip();
        expect(compareOutput(script, shown, await output(script, combo))).toEqual([]);
      }, 1_800_000);
    }
  }
});
