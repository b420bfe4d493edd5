// The op table (compiler/check/layers.ts) is the one source of facts about ops. Tables keyed by
// OpKind are held complete by the type checker; this holds everything else to it: the lists
// derived from it behave as the table says, the dl grammar and the docs name exactly its ops,
// and no op name is written as a string literal outside the table, its kernels and a short,
// reviewed list of op-specific rules (so a new list of op names cannot appear unnoticed).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { compile, format, LAYERS, OP_KINDS } from '../../compiler/index.ts';
import { INPUT_EXAMPLES } from '../../compiler/check/layers.ts';
import { verify } from '../../compiler/graph/verify.ts';
import { pyModule } from '../../compiler/emit/py-modules.ts';
import { OPS } from '../../compiler/runtime/ops/registry.ts';
import grammar from '../../integration/dl.tmLanguage.json' with { type: 'json' };

const ROOT = join(import.meta.dirname, '..', '..');
const rules = OP_KINDS.map((op) => LAYERS[op]);

/** A net whose first layer is `op` written as its example, after the input it needs. */
function netWith(op: (typeof OP_KINDS)[number]): string {
  const rule = LAYERS[op];
  return `net A <\n  ${INPUT_EXAMPLES[rule.input]};\n  ${rule.sig.example}\n>\n`;
}

describe('the op table', () => {
  it('names each op once, in OP_KINDS order, under its own name', () => {
    expect(Object.keys(LAYERS)).toEqual([...OP_KINDS]);
    for (const op of OP_KINDS) expect(LAYERS[op].op).toBe(op);
    expect(Object.keys(OPS).sort()).toEqual([...OP_KINDS].sort());
  });

  it.each([...OP_KINDS])('%s compiles from its example, verifies and exports to its PyTorch module', (op) => {
    const { graph, diagnostics } = compile(netWith(op));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(verify(graph!)).toEqual([]);
    const node = graph!.nets[0]!.nodes[0]!;
    expect(node.op).toBe(op);
    // The module named in the table's `torch` (nn.Linear, nn.LeakyReLU, ...) is what the export writes.
    const cls = LAYERS[op].torch.match(/^nn\.(\w+)/)?.[1];
    if (cls) expect(pyModule(node).code).toContain(cls);
  });

  it('decides which items the formatter keeps on the line of the layer before them', () => {
    for (const rule of rules) {
      const text = format(`net A < linear 4->4; ${rule.sig.example} >`).text!;
      expect(text.includes(`linear 4->4; ${rule.sig.example}`), rule.op).toBe(rule.follows === true);
    }
  });

  it('decides which layers the linear-collapse lint looks through', () => {
    let tried = 0;
    for (const rule of rules.filter((r) => r.op !== 'linear')) {
      const out = compile(`net A < linear 4->4; ${rule.sig.example} >`).graph?.nets[0]?.outputShape;
      if (out?.length !== 1) continue;
      tried++;
      const { diagnostics } = compile(`net A < linear 4->4; ${rule.sig.example}; linear ${out[0]}->2 >`);
      expect(diagnostics.some((d) => d.code === 'DL0703'), rule.op).toBe(rule.transparent === true);
    }
    expect(tried).toBeGreaterThan(5);
  });

  it('is the layer list of the dl grammar', () => {
    const patterns = Object.values(grammar.repository as Record<string, { name?: string; match?: string }>);
    const layer = patterns.find((p) => p.name === 'support.function.layer.dl')?.match?.match(/^\\b\(input\|([a-z_|]+)\)\\b$/);
    expect(layer, 'the layer pattern of dl.tmLanguage.json').toBeTruthy();
    expect(layer![1]!.split('|')).toEqual([...OP_KINDS]);
  });

  it('is the layer table of docs/language.md and its formatter rule', () => {
    const docs = readFileSync(join(ROOT, 'docs', 'language.md'), 'utf8');
    const section = docs.slice(docs.indexOf('## Layers'));
    const rows = [...section.slice(0, section.indexOf('\n\n', section.indexOf('| item |'))).matchAll(/^\| `(\w+)/gm)].map((m) => m[1]);
    expect(rows).toEqual(['input', ...OP_KINDS]);
    const follow = docs.match(/starts a line; ([^.]+) follow the layer before them/)![1]!;
    expect([...follow.matchAll(/`(\w+)`/g)].map((m) => m[1])).toEqual(rules.filter((r) => r.follows).map((r) => r.op));
  });
});

/**
 * Op names written as string literals, file by file, besides the table and the kernels: each
 * is a rule about one op (a warning about softmax before cross_entropy, the diagram's label of
 * a conv), not a list of ops. Anything else found fails, and so does an entry here gone stale.
 */
const OP_SPECIFIC: Record<string, string[]> = {
  'compiler/check/check-train.ts': ['linear', 'sigmoid', 'softmax'],
  'compiler/check/lints.ts': ['linear'],
  // Batchnorm cannot train on a batch of one: the rule check and train share.
  'compiler/graph/single-example-batch.ts': ['batchnorm'],
  'compiler/runtime/train.ts': ['dropout'],
  'integration/diagram/labels.ts': ['avgpool', 'batchnorm', 'conv', 'dropout', 'linear', 'lstm', 'maxpool', 'rnn'],
  'integration/diagram/units.ts': ['linear'],
  'site/islands/spec/train-job.ts': ['conv'],
};
/**
 * The table, and the kernels: one module per op family (runtime/ops/), and the fused step's
 * own kernels (runtime/fused/), which name the ops they implement; tests/runtime/fused.test.ts
 * checks the class they admit against PyTorch's numbers.
 */
const HOME = (file: string) => file === 'compiler/check/layers.ts' || file.startsWith('compiler/runtime/ops/') || file.startsWith('compiler/runtime/fused/');
/** Lesson demonstrations compute their own activations for the pictures; they are not the language's ops. */
const OUTSIDE = (file: string) => file.startsWith('site/islands/interactives/');

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sources(path);
    else if (/\.m?ts$/.test(name) && !name.endsWith('.d.ts')) yield path;
  }
}

describe('op names outside the table', () => {
  it('appear only in the table, its kernels and the reviewed op-specific rules', () => {
    const names = new Set<string>(OP_KINDS);
    const found: Record<string, Set<string>> = {};
    for (const root of ['compiler', 'integration', 'site']) {
      for (const path of sources(join(ROOT, root))) {
        const file = relative(ROOT, path).split('\\').join('/');
        if (HOME(file) || OUTSIDE(file)) continue;
        const sf = ts.createSourceFile(file, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
        const visit = (n: ts.Node): void => {
          if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && names.has(n.text)) (found[file] ??= new Set()).add(n.text);
          ts.forEachChild(n, visit);
        };
        visit(sf);
      }
    }
    const seen = Object.fromEntries(Object.entries(found).map(([f, s]) => [f, [...s].sort()]));
    expect(seen).toEqual(OP_SPECIFIC);
  });
});
