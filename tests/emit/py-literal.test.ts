import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';
import { pyCodeNames, pyDocstring, pyIdentifier, pyString } from '../../compiler/emit/py-literal.ts';

// Every string a spec or the command line can carry into the exported program, fuzzed with
// the characters that have broken generated code before: quotes (""" closes a docstring),
// backslashes, NUL, CR/LF, U+2028, lone surrogates, braces (f-strings) and '#'.
const root = join(import.meta.dirname, '../..');
const SPECIAL = ['"', '"""', "'", '\\', '\0', '\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\ufeff', '\ud800', '\udfff', '\udc00\ud800', '{', '}', '#', '\x1b', '\x7f', 'é', '😀'];
const char = fc.oneof(
  fc.constantFrom(...SPECIAL),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
);
const text = fc.array(char, { maxLength: 24 }).map((a) => a.join(''));

const spec = readFileSync(join(root, 'specs/flowers.dl'), 'utf8');
const base = compile(spec, { file: 'flowers.dl', readFile: (p) => readFileSync(join(root, 'specs', p), 'utf8') }).graph as TypedGraph;

interface Case {
  net: string;
  file: string;
  target: string;
  source: string;
  program: string;
}

/** The flowers spec with `fields` written into every string of its graph and of the export options. */
function exported(net: string, file: string, target: string, source: string, programFile: string): { program: string; model: string } {
  const g = structuredClone(base);
  g.nets[0].name = net;
  g.trains[0].net = net;
  g.trains[0].dataset.options.file = file;
  g.trains[0].dataset.options.target = target;
  return {
    program: toPyTorch(g, { mode: 'program', source, file: programFile }),
    model: toPyTorch(g, { mode: 'model' }),
  };
}

// One Python process parses every program and reports, per program, the kinds and names of
// its top-level statements and the string values that carry input.
const PARSE = `import ast, json, sys
out = []
for p in json.loads(sys.stdin.read()):
    res = {}
    for key in ("program", "model"):
        tree = ast.parse(p[key])
        res[key] = [[type(s).__name__, getattr(s, "name", None) or ",".join(getattr(t, "id", "?") for t in getattr(s, "targets", []))] for s in tree.body]
    tree = ast.parse(p["program"])
    res["doc"] = ast.get_docstring(tree, clean=False)
    consts = {}
    for s in tree.body:
        if isinstance(s, ast.Assign) and isinstance(s.value, ast.Constant) and isinstance(s.value.value, str):
            consts[s.targets[0].id] = s.value.value
        if isinstance(s, ast.ClassDef) and any(getattr(b, "attr", None) == "Module" for b in s.bases):
            consts["class_doc"] = ast.get_docstring(s, clean=False)
        if isinstance(s, ast.FunctionDef) and s.name == "load_data":
            consts["load_doc"] = ast.get_docstring(s, clean=False)
            consts["strings"] = [n.value for n in ast.walk(s) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
    res["consts"] = consts
    out.append(res)
print(json.dumps(out))`;

const parse = (programs: { program: string; model: string }[]) =>
  JSON.parse(execFileSync('/usr/bin/python3', ['-c', PARSE], { input: JSON.stringify(programs), encoding: 'utf8', maxBuffer: 1 << 28 }));

describe('strings in the exported program', () => {
  it('pyString and pyDocstring keep values exactly, for any string', () => {
    const samples = fc.sample(text, { numRuns: 400, seed: 7 });
    const literals = samples.map((s) => `${pyString(s)}\n${pyDocstring(s)}`);
    const got: string[][] = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', 'import ast,json,sys\nprint(json.dumps([[n.value.value for n in ast.parse(s).body] for s in json.loads(sys.stdin.read())]))'], {
        input: JSON.stringify(literals),
        encoding: 'utf8',
      }),
    );
    got.forEach((values, k) => expect(values).toEqual([samples[k], samples[k]]));
    // The file is ASCII-safe where it matters: no raw CR, NUL, U+2028 or lone surrogate.
    for (const l of literals) expect(l).not.toMatch(/[\0\r\u2028\u2029\ud800-\udfff]/u);
  });

  it('fuzzed spec strings never change the program: same statements, strings round-trip', () => {
    const plain = exported('Flowers', 'data/flowers.csv', 'species', 'flowers.dl', 'flowers.py');
    const cases: Case[] = fc.sample(fc.record({ net: text, file: text, target: text, source: text, program: text }), { numRuns: 150, seed: 16 });
    const [expected, ...got] = parse([plain, ...cases.map((c) => exported(c.net, c.file, c.target, c.source, c.program))]);
    expect(expected.program.map((s: string[]) => s[0])).toContain('ClassDef');
    got.forEach((r: { program: string[][]; model: string[][]; doc: string; consts: Record<string, unknown> }, k: number) => {
      const c = cases[k];
      // The statements are the same kinds in the same order; only the class name may differ.
      const shape = (body: string[][]) => body.map(([kind, name]) => (kind === 'ClassDef' ? kind : `${kind}:${name}`));
      expect(shape(r.program)).toEqual(shape(expected.program));
      expect(shape(r.model)).toEqual(shape(expected.model));
      expect(r.consts.NET).toBe(c.net);
      expect(r.doc).toContain(c.source);
      expect(r.doc).toContain(`python3 ${c.program} --epochs 10`);
      expect(r.doc).toContain(`file="${c.file}"`);
      expect(r.consts.class_doc).toContain(`${c.net}: input [4]`);
      expect(r.consts.load_doc).toContain(c.file);
      expect(r.consts.strings).toContain(c.file);
      // An empty target means "the last column" (a checked graph always names one).
      if (c.target !== '') expect(r.consts.strings).toContain(c.target);
    });
  });
});

describe('identifiers in the exported program', () => {
  it("renames every keyword of the Python that runs it (keyword.kwlist as the oracle), and nothing else that is one", () => {
    const keywords = JSON.parse(execFileSync('/usr/bin/python3', ['-c', 'import keyword, json; print(json.dumps(keyword.kwlist))'], { encoding: 'utf8' })) as string[];
    expect(keywords.length).toBeGreaterThan(30);
    for (const k of keywords) expect(pyIdentifier(k), k).toBe(`${k}_`);
    // Names that only look like keywords stay as they are; soft keywords are identifiers.
    for (const name of ['Class', 'none', 'match', 'case', 'type', 'lambda_', 'Iris']) expect(pyIdentifier(name), name).toBe(name);
  });

  it("reads the names code uses, not the words of its strings and comments (f-strings' braces are code)", () => {
    const code = [
      'def main():  # a comment with words',
      '    """Docstring words, a "quote" and \\""" inside."""',
      "    model = Net(r'raw\\'' + b\"bytes\")",
      "    print(f\"{len(model)} epochs\", 'it\\'s')",
    ].join('\n');
    // The oracle: Python's own tokenizer on the same text.
    const python = execFileSync('/usr/bin/python3', ['-c', `import io, json, sys, tokenize
names = {t.string for t in tokenize.generate_tokens(io.StringIO(sys.stdin.read()).readline) if t.type == tokenize.NAME}
print(json.dumps(sorted(names)))`], { input: code, encoding: 'utf8' });
    const got = [...pyCodeNames(code)].sort();
    // Python 3.11 tokenizes an f-string whole; its text is read as code here (a superset).
    const fString = ['epochs', 'len'];
    expect(got.filter((n) => !fString.includes(n))).toEqual(JSON.parse(python));
    expect(got).toEqual(expect.arrayContaining(fString));
    expect(pyIdentifier('model', pyCodeNames(code), 'Net')).toBe('modelNet');
  });
});
