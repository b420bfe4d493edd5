import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile, OP_KINDS } from '../../compiler/index.ts';
import type { TypedGraph } from '../../compiler/graph/types.ts';
import { toPyTorch } from '../../compiler/emit/pytorch.ts';
import { loadDataset } from '../../compiler/runtime/datasets/index.ts';

// PyTorch takes seconds to import on a busy machine, so each group of checks runs in one
// Python process that loads every exported file it needs.
const root = join(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'dlc-export-'));
const python = (script: string, args: string[] = []) =>
  execFileSync('/usr/bin/python3', ['-c', script, ...args], { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 26 });

const IMPORT = `import contextlib, importlib.util, io, json, runpy, sys
def load(path):
    spec = importlib.util.spec_from_file_location("exported", path)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m
`;

/** Every spec of specs/ that compiles, by file name. */
const graphs: Record<string, TypedGraph> = {};
for (const f of readdirSync(join(root, 'specs')).filter((f) => f.endsWith('.dl'))) {
  const path = join(root, 'specs', f);
  const { graph } = compile(readFileSync(path, 'utf8'), { file: path, readFile: (p) => readFileSync(join(root, 'specs', p), 'utf8') });
  if (graph) graphs[f] = graph;
}
/** The conformance cases' nets (written for PyTorch by hand), for the layers no spec of specs/ uses. */
const fixtures = join(root, 'tests', 'fixtures', 'pytorch');
const cases = readdirSync(fixtures).filter((f) => f.endsWith('.json')).sort()
  .map((f) => ({ file: f, c: JSON.parse(readFileSync(join(fixtures, f), 'utf8')) as { spec: string; net: string; mode?: string; params: Record<string, { shape: number[]; data: number[] }>; input?: { shape: number[]; data: number[] }; expect: { output?: { shape: number[]; data: number[] } } } }));
const covered = new Set(Object.values(graphs).flatMap((g) => g.nets.flatMap((n) => n.nodes.map((node) => node.op))));
for (const { file, c } of cases) {
  const graph = compile(c.spec).graph;
  if (graph && graph.nets.some((n) => n.nodes.some((node) => !covered.has(node.op)))) graphs[file] = graph;
}
const nets = Object.entries(graphs).flatMap(([file, g]) => g.nets.map((net) => ({ file, g, net })));
const trained = Object.entries(graphs).filter(([file]) => file.endsWith('.dl')).flatMap(([file, g]) => g.trains.map((t) => ({ file, g, net: t.net, loss: t.loss })));

describe('model mode', () => {
  let got: Record<string, { state: [string, number[], string][]; params: number; out: number[] }>;

  beforeAll(() => {
    const files = nets.map(({ file, g, net }) => {
      const path = join(dir, `model_${file.replace(/\W/g, '_')}_${net.name}.py`);
      writeFileSync(path, toPyTorch(g, { net: net.name, mode: 'model' }));
      return { path, net: net.name, key: `${file}:${net.name}`, input: net.inputShape };
    });
    got = JSON.parse(
      python(`${IMPORT}
result = {}
for f in json.loads(sys.argv[1]):
    m = load(f["path"])
    model = getattr(m, f["net"])()
    model.eval()
    result[f["key"]] = {
        "state": [[k, list(v.shape), str(v.dtype)] for k, v in model.state_dict().items()],
        "params": sum(p.numel() for p in model.parameters()),
        "out": list(model(m.torch.zeros(2, *f["input"])).shape),
    }
print(json.dumps(result))`, [JSON.stringify(files)]),
    );
  });

  it('the specs and conformance cases cover every layer kind of the language', () => {
    const ops = new Set(nets.flatMap(({ net }) => net.nodes.map((n) => n.op)));
    expect([...ops].sort()).toEqual([...OP_KINDS].sort());
  });

  it.each(nets.map(({ file, net }) => [net.name, file, net] as const))('%s (%s): state_dict names, shapes, dtypes and output equal the graph', (name, file, net) => {
    const want = net.nodes.flatMap((n) => n.params.map((p) => [p.name, p.shape, p.dtype === 'int64' ? 'torch.int64' : 'torch.float32']));
    const key = `${file}:${name}`;
    expect(got[key].state).toEqual(want);
    expect(got[key].params).toBe(net.paramCount);
    expect(got[key].out).toEqual([2, ...net.outputShape]);
  });

  it('writes leaky_relu with its slope and silu, and the exported module computes what PyTorch computed', () => {
    const leaky = cases.find(({ c }) => c.spec.includes('leaky_relu slope=0.2'))!;
    const src = toPyTorch(compile(leaky.c.spec).graph!, { mode: 'model' });
    expect(src).toContain('nn.LeakyReLU(negative_slope=0.01),  # layers.1');
    expect(src).toContain('nn.LeakyReLU(negative_slope=0.2),  # layers.3');
    expect(src).toContain('nn.SiLU(),  # layers.5');
    // The case's own weights and input through the exported module give its recorded output.
    const steps = cases.filter(({ c }) => c.expect.output && /leaky_relu|silu/.test(c.spec));
    expect(steps.length).toBeGreaterThanOrEqual(2);
    const files = steps.map(({ file, c }) => {
      const path = join(dir, `check_${file.replace(/\W/g, '_')}.py`);
      writeFileSync(path, toPyTorch(compile(c.spec).graph!, { mode: 'model' }));
      return { path, net: c.net, mode: c.mode, params: c.params, input: c.input, output: c.expect.output };
    });
    const errors = JSON.parse(python(`${IMPORT}
result = []
for f in json.load(open(sys.argv[1])):
    m = load(f["path"])
    model = getattr(m, f["net"])()
    t = lambda v: m.torch.tensor(v["data"], dtype=m.torch.float32).reshape(v["shape"])
    model.load_state_dict({k: t(v) for k, v in f["params"].items()})
    model.train(f["mode"] == "train")
    out = model(t(f["input"]))
    result.append(float((out - t(f["output"])).abs().max()))
print(json.dumps(result))`, [(() => { const p = join(dir, 'steps.json'); writeFileSync(p, JSON.stringify(files)); return p; })()]));
    for (const e of errors) expect(e).toBeLessThan(1e-6);
  });

  it('is the nn.Module a learner reads: one Sequential, layers numbered', () => {
    const src = toPyTorch(graphs['iris.dl'], { mode: 'model' });
    expect(src).toContain('class Iris(nn.Module):');
    expect(src).toContain('nn.Linear(4, 32),  # layers.0: [4] -> [32]');
    expect(src).toContain('nn.Linear(16, 3),  # layers.4: [16] -> [3]');
    expect(toPyTorch(graphs['delay.dl'], { net: 'Gated', mode: 'model' })).toContain('class LSTMOutput(nn.LSTM):');
  });
});

describe('program mode', () => {
  let outputs: Record<string, string>;

  beforeAll(() => {
    const files = trained.map(({ file, g, net }) => {
      const path = join(dir, `${net}.py`);
      writeFileSync(path, toPyTorch(g, { net, mode: 'program', source: file }));
      // The program reads a csv relative to itself; written elsewhere, --data says where.
      const csv = g.trains.find((t) => t.net === net)!.dataset.options.file;
      return { path, net, args: typeof csv === 'string' ? ['--data', join(root, 'specs', csv)] : [] };
    });
    // runpy runs each file as __main__, as `python3 FILE --epochs 2 --seed 3` would.
    outputs = JSON.parse(
      python(`${IMPORT}
result = {}
for f in json.loads(sys.argv[1]):
    sys.argv = [f["path"], "--epochs", "2", "--seed", "3", *f["args"]]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(f["path"], run_name="__main__")
    result[f["net"]] = out.getvalue()
print(json.dumps(result))`, [JSON.stringify(files)]),
    );
  });

  it.each(trained.map((t) => [t.net, t.file, t.loss] as const))('%s (%s) runs and prints the lines dlc train prints', (net, _file, loss) => {
    const out = outputs[net].trim().split('\n');
    const metric = '\\d+\\.\\d{4}';
    const acc = loss === 'mse' ? '' : ` acc ${metric}`;
    const line = (prefix: string) => new RegExp(`^${prefix}  train loss ${metric}${acc}(  test loss ${metric}${acc})?`);
    expect(out[0]).toMatch(new RegExp(`^${net} on \\w+: \\d+ training( and \\d+ test)? examples, 2 epochs, PyTorch 1\\.13`));
    expect(out[1]).toMatch(line('epoch 1/2'));
    expect(out[2]).toMatch(line('epoch 2/2'));
    expect(out[3]).toMatch(line('final'));
    expect(out[3]).toMatch(/ in \d+\.\d\d s$/);
  });

  it("regenerates dlc's generated data sets from the same seed, number for number", () => {
    const cases = ['xor', 'circles', 'gauss', 'spiral', 'sine', 'delay'].map((name) => {
      const opts = name === 'delay' ? 'n=50 steps=6' : 'n=60 noise=0.1';
      const [shape, width] = name === 'delay' ? ['6x1', 6] : name === 'sine' ? ['1', 1] : ['2', 2];
      const head = name === 'sine' ? '1; loss mse' : '2; loss cross_entropy';
      const [out, loss] = head.split('; ');
      const src = `net N < input ${shape}; flatten; linear ${width}->${out} >\ntrain N on ${name} ${opts} < ${loss}; seed 11 >`;
      const { graph, diagnostics } = compile(src);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const path = join(dir, `data_${name}.py`);
      writeFileSync(path, toPyTorch(graph!, { mode: 'program' }));
      return { name, path, ref: graph!.trains[0].dataset };
    });
    const got = JSON.parse(
      python(`${IMPORT}
result = {}
for f in json.loads(sys.argv[1]):
    x, y, classes, features = load(f["path"]).load_data(11)
    result[f["name"]] = {"x": x.flatten().tolist(), "y": y.flatten().tolist()}
print(json.dumps(result))`, [JSON.stringify(cases.map(({ name, path }) => ({ name, path })))]),
    ) as Record<string, { x: number[]; y: number[] }>;
    for (const { name, ref } of cases) {
      const want = loadDataset(ref, { seed: 11 });
      expect(got[name].x, name).toEqual(Array.from(want.x));
      expect(got[name].y, name).toEqual(Array.from(want.y));
    }
  });

  // A net may be called anything the language allows, including the names the file's own
  // code uses: a local of main(), a helper, a builtin, a module. Its class takes another name
  // then, and the file runs; a name nothing uses stays the net's own.
  it('a net named like something the file uses (model, len, super, nn, diverged...) still exports a file that runs', () => {
    const names = ['model', 'loader', 'len', 'super', 'print', 'nn', 'torch', 'self', 'x', 'ADVICE', 'diverged', 'main', 'Shards', 'class', 'Bramble'];
    const files = names.flatMap((name) => {
      const { graph } = compile(`net ${name} < linear 4->8; relu; linear 8->3 >\ntrain ${name} on iris < split 0.2; loss cross_entropy; optimizer adam lr=0.01; batch 16; epochs 1 >`);
      expect(graph, name).toBeDefined();
      return (['program', 'model'] as const).map((mode) => {
        const path = join(dir, `named_${mode}_${name}.py`);
        const text = toPyTorch(graph!, { mode, file: 'named.py' });
        writeFileSync(path, text);
        const cls = /^class (\w+)\(nn\.Module\):/m.exec(text)![1];
        return { name, mode, path, cls };
      });
    });
    const ran = JSON.parse(
      python(`${IMPORT}
result = {}
for f in json.loads(sys.argv[1]):
    sys.argv = [f["path"], "--seed", "3"]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            if f["mode"] == "program":
                runpy.run_path(f["path"], run_name="__main__")
            else:
                m = load(f["path"])
                import torch
                print(tuple(getattr(m, f["cls"])()(torch.zeros(2, 4)).shape))
        result[f["path"]] = out.getvalue()
    except BaseException as e:
        result[f["path"]] = f"{type(e).__name__}: {e}"
print(json.dumps(result))`, [JSON.stringify(files)]),
    ) as Record<string, string>;
    for (const f of files) {
      const out = ran[f.path];
      if (f.mode === 'program') expect(out, `${f.name} (${f.cls})`).toMatch(/^final .* in \d+\.\d\d s$/m);
      else expect(out.trim(), `${f.name} (${f.cls})`).toBe('(2, 3)');
    }
    const program = (name: string) => files.find((f) => f.name === name && f.mode === 'program')!.cls;
    expect(program('Bramble')).toBe('Bramble');
    expect(program('model')).toBe('modelNet');
    expect(program('class')).toBe('classNet');
  });
});

