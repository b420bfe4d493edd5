import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { toPyTorch } from '../../emit/pytorch.ts';
import type { TypedGraph } from '../../index.ts';
import { parse } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { CliError, writeText } from '../io.ts';
import { loadGraph, reportingErrors } from './runtime-command.ts';

const help = `usage: dlc export FILE --to pytorch [--net NAME] [-o OUT.py] [--model]

Writes the PyTorch equivalent of a net as one runnable Python file: the nn.Module, whose
state_dict names and shapes are the spec's (layers.0.weight, ...); the data (iris and
digits from sklearn, generated data sets with dlc's own definitions and generator, a csv
file read as dlc reads it); the split, standardisation, loss, optimizer and training loop
of the train block, printing the same lines as \`dlc train\`. The program runs with Python 3
and PyTorch; \`--help\` on it lists --epochs, --seed, --save, --load, --predict.

Weights move both ways: \`dlc train --save w.safetensors\` then \`python3 OUT.py --load
w.safetensors --predict\`, or \`python3 OUT.py --save w.safetensors\` then \`dlc predict\`.

options:
      --to pytorch   the target (PyTorch is the only one)
      --net NAME     the net (default: the first train block's)
  -o, --output OUT   write to OUT instead of standard output
      --model        only the nn.Module class, no data or training
  -h, --help         show this help

exit status: 0 written, 1 errors in the spec, 2 usage or I/O error

example:
  dlc export specs/iris.dl --to pytorch -o iris.py && python3 iris.py`;

/**
 * A csv path in the spec is relative to the spec; the program reads it relative to itself,
 * so rewrite it for where the program is written (the current directory for stdout).
 */
function relocateCsv(graph: TypedGraph, specDir: string, outDir: string): TypedGraph {
  return {
    ...graph,
    trains: graph.trains.map((t) => {
      const file = t.dataset.options.file;
      if (t.dataset.name !== 'csv' || typeof file !== 'string' || isAbsolute(file)) return t;
      const moved = relative(outDir, resolve(specDir, file)) || file;
      return { ...t, dataset: { ...t.dataset, options: { ...t.dataset.options, file: moved } } };
    }),
  };
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a spec as a runnable PyTorch program',
  help,
  run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { to: { type: 'string' }, net: { type: 'string' }, output: { type: 'string', short: 'o' }, model: { type: 'boolean' } },
      'export',
    );
    if (values.help) {
      io.stdout(`${help}\n`);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new CliError('export takes exactly one spec file\nrun `dlc export --help` for usage');
    if (values.to === undefined) throw new CliError('--to pytorch is required: PyTorch is the one target\nrun `dlc export --help` for usage');
    if (values.to !== 'pytorch') throw new CliError(`cannot export to \`${String(values.to)}\`: the one target is pytorch`);
    const out = typeof values.output === 'string' ? values.output : undefined;

    return reportingErrors('export', io, () => {
      const loaded = loadGraph(positionals[0], io);
      if (!loaded) return EXIT.specError;
      const outDir = out ? dirname(resolve(io.cwd, out)) : io.cwd;
      const graph = relocateCsv(loaded.graph, loaded.spec.dir, outDir);
      const source = loaded.spec.name === '<stdin>' ? 'a spec from standard input' : loaded.spec.name.split(/[\\/]/).pop();
      const file = out ? out.split(/[\\/]/).pop() : undefined;
      const net = typeof values.net === 'string' ? values.net : undefined;
      const text = toPyTorch(graph, { net, mode: values.model ? 'model' : 'program', source, file });
      if (out) writeText(out, text, io);
      else io.stdout(text);
      return EXIT.ok;
    });
  },
};
