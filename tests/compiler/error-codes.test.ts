// Every error a user can meet while running a spec has a code in the one catalogue: the
// runtime, emit, graph and CLI sources throw coded errors (CodedError and its subclasses,
// built from a catalogue entry), never a bare `Error` or an uncoded message, except at the
// few places listed here with the reason no user reaches them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const DIRS = ['compiler/runtime', 'compiler/emit', 'compiler/graph', 'compiler/cli', 'compiler/diagnostics'];

/** `file: the thrown text's start` -> why no user meets it. */
const ALLOWED: Record<string, string> = {
  'compiler/runtime/ops/op.ts: throw new Error(`${node.op} (layer ${node.index}) has no numeric': 'attributes the verifier (assertGraph) has checked before any kernel runs',
  'compiler/runtime/ops/op.ts: throw new Error(`${node.op} (layer ${node.index}) has no attribute': 'attributes the verifier (assertGraph) has checked before any kernel runs',
  'compiler/runtime/ops/op.ts: throw new Error(`${node.op} (layer ${node.index}) has no parameter': 'parameters the verifier and the weights check have matched to the net',
  'compiler/runtime/backend.ts: throw new Error(': 'the CLI and the worker report a backend that cannot start as DL0868',
  "compiler/runtime/backend.ts: throw new Error('TensorFlow.js gradients could not be registered": 'a broken install of TensorFlow.js, not a spec',
  'compiler/runtime/ops/conv.ts: throw new Error(`the ${backend} backend has no Conv2D kernel`)': 'every tfjs backend dlc starts (cpu, wasm, webgl) has Conv2D; only a broken install lacks it',
  'compiler/runtime/fused/elementwise.ts: throw new Error(`the fused step has no': 'fused/class.ts admits only the ops elementwise.ts implements (tests/runtime/fused.test.ts)',
  'compiler/runtime/fused/trainer.ts: throw new Error(`the fused step found no weight': 'the model made the weights from the same verified net',
  'compiler/runtime/fused/products.ts: throw new Error(`the ${this.name} backend has no ${kernel} kernel`)': 'the fused step runs only on cpu and wasm, whose tfjs backends have FusedConv2D, Conv2D, Conv2DBackpropInput and MaxPool (tests/runtime/fused.test.ts runs the class on both); only a broken install lacks one',
  'compiler/runtime/fused/trainer.ts: throw new Error(`the fused step expected one or two numbers': 'kernel sizes and strides of a verified graph (assertGraph checks every attribute)',
  'compiler/emit/py-data.ts: throw new Error(`no Python data for': 'the checker accepts only the data sets py-data writes',
};

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** Each `throw new X(...)` whose error is not built from a catalogue entry. */
function uncoded(path: string): string[] {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/throw new (\w+)\(\s*([^\n]*)/g)) {
    const [, cls, rest] = m;
    // A catalogue entry (R_RUN.x, R.x, ...), or a csv/inputs file's problem with its file (DL0508).
    if (/^(R|R_\w+|M)\./.test(rest) || /^\{ \.\.\.R/.test(rest)) continue;
    if (cls === 'DatasetError' && /\{ file/.test(rest)) continue;
    // A usage message: CliError's own code, DL0896.
    if (cls === 'CliError') continue;
    // SafetensorsError and GraphError carry the code they are given.
    if (cls === 'SafetensorsError' || cls === 'GraphError') continue;
    found.push(`${relative(ROOT, join(ROOT, path))}: throw new ${cls}(${rest}`);
  }
  return found;
}

describe('error codes', () => {
  it('no runtime, emit, graph or CLI source throws an uncoded error a user can meet', () => {
    const all = DIRS.flatMap(sources).flatMap(uncoded);
    const unexplained = all.filter((t) => !Object.keys(ALLOWED).some((k) => t.startsWith(k)));
    expect(unexplained).toEqual([]);
    // Every allowance still matches something, so the list cannot go stale.
    for (const k of Object.keys(ALLOWED)) expect(all.some((t) => t.startsWith(k)), k).toBe(true);
  });
});
