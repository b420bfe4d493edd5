import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeSafetensors } from '../../emit/safetensors.ts';
import { checkWeights } from '../../emit/weights-check.ts';
import { decodeCsv } from '../../runtime/datasets/csv.ts';
import type { TrainGraph } from '../../index.ts';
import { featureRows } from '../../runtime/datasets/index.ts';
import { parse } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { CliError, jsonText } from '../io.ts';
import { shown } from '../../diagnostics/display.ts';
import { R_BACKEND, R_CLI } from '../../diagnostics/messages.ts';
import { backendFlag, loadGraph, reportingErrors } from './runtime-command.ts';
import { chooseNet } from '../../graph/lookup.ts';

const help = `usage: dlc predict FILE --weights W.safetensors --input DATA [--net NAME]
                   [--backend auto|cpu|wasm] [--json]

Runs a net of the spec, in evaluation mode, with trained weights (from \`dlc train --save\`
or the exported PyTorch program's --save) on the inputs in DATA, and prints one line per
input: the predicted class and its probability for a classifier, the output values for a
regression.

DATA is a CSV file, or \`-\` for standard input: one example per line, its values
flattened row-major, in the data set's units (digits: pixels 0..1). A header that names
the data set's features selects those columns, so the training CSV itself will do. When
the train block standardizes, the training statistics saved in the weights are applied.

options:
      --weights FILE   safetensors weights with PyTorch state_dict names (required)
      --input DATA     the inputs, a CSV file or - (required)
      --net NAME       the net (default: the one the weights were trained for, else the
                       first train block's)
      --backend B      auto (default), cpu or wasm
      --json           print a JSON array: {class, name, probabilities} per input for a
                       classifier, {output} for a regression
  -h, --help           show this help

exit status: 0 predicted, 1 errors in the spec, weights or inputs, 2 usage or I/O error

example:
  dlc train specs/iris.dl --save iris.safetensors
  echo 5.1,3.5,1.4,0.2 | dlc predict specs/iris.dl --weights iris.safetensors --input -`;

function readBytes(path: string, cwd: string, what: string): Uint8Array {
  try {
    return readFileSync(resolve(cwd, path));
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new CliError(R_CLI.unreadable, { what: `${what} \`${path}\``, why: code === 'ENOENT' ? 'no such file' : (e as Error).message });
  }
}

/** Turns raw outputs into what the loss means: class probabilities, or values. */
function interpret(loss: TrainGraph['loss'] | null, out: Float32Array, n: number, classNames: string[] | undefined) {
  const width = out.length / n;
  const rows = Array.from({ length: n }, (_, i) => Array.from(out.subarray(i * width, (i + 1) * width)));
  if (loss === 'mse' || loss === null) return rows.map((output) => ({ output }));
  return rows.map((row) => {
    let p: number[];
    if (loss === 'cross_entropy') {
      const max = Math.max(...row);
      const e = row.map((v) => Math.exp(v - max));
      const sum = e.reduce((a, b) => a + b, 0);
      p = e.map((v) => v / sum);
    } else {
      const one = loss === 'bce' ? row[0] : 1 / (1 + Math.exp(-row[0]));
      p = [1 - one, one];
    }
    const k = p.indexOf(Math.max(...p));
    return { class: k, name: classNames?.[k] ?? String(k), probabilities: p };
  });
}

export const predictCommand: Command = {
  name: 'predict',
  summary: 'run a trained net on inputs from a CSV file',
  help,
  run(argv, io) {
    const { values, positionals } = parse(
      argv,
      { weights: { type: 'string' }, input: { type: 'string' }, net: { type: 'string' }, backend: { type: 'string' }, json: { type: 'boolean' } },
      'predict',
    );
    if (values.help) {
      io.stdout(`${help}\n`);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new CliError('predict takes exactly one spec file\nrun `dlc predict --help` for usage');
    if (typeof values.weights !== 'string') throw new CliError('--weights W.safetensors is required\nrun `dlc predict --help` for usage');
    if (typeof values.input !== 'string') throw new CliError('--input DATA is required (a CSV file, or - for standard input)\nrun `dlc predict --help` for usage');
    const backendChoice = backendFlag(values.backend);
    const weightsPath = values.weights;
    const inputPath = values.input;

    return reportingErrors('predict', io, async () => {
      if (inputPath === '-' && positionals[0] === '-') throw new CliError('the spec and the inputs cannot both come from standard input');
      const loaded = loadGraph(positionals[0], io);
      if (!loaded) return EXIT.specError;
      const { graph } = loaded;
      const weights = decodeSafetensors(readBytes(weightsPath, io.cwd, 'the weights'));
      const trainedFor = weights.metadata['dlc.net'];
      const { net, block } = chooseNet(graph, (typeof values.net === 'string' ? values.net : undefined) ?? trainedFor);
      const info = checkWeights(net, block?.loss ?? null, weights, weightsPath);
      if (info.diverged !== undefined) io.stderr(`dlc predict: warning: ${weightsPath} holds the weights of a run that diverged (${info.diverged}); its predictions mean little\n`);
      if (block?.standardize && !info.standardize) {
        io.stderr(`dlc predict: warning: the train block standardizes, but ${weightsPath} holds no standardisation statistics; the inputs are used as they are\n`);
      }

      const inputName = inputPath === '-' ? '<stdin>' : inputPath;
      const text = decodeCsv(inputPath === '-' ? io.readStdin() : readBytes(inputPath, io.cwd, 'the inputs'), inputName);
      const width = net.inputShape.reduce((a, b) => a * b, 1);
      const { x, n } = featureRows(text, { file: inputPath === '-' ? '<stdin>' : inputPath, width, featureNames: info.features });
      // TensorFlow.js loads only here, so the other commands start fast.
      const [{ initBackend }, { predict }] = await Promise.all([import('../../runtime/backend.ts'), import('../../runtime/train.ts')]);
      let backend;
      try {
        backend = await initBackend(backendChoice);
      } catch (e) {
        throw new CliError(R_BACKEND.unavailable, { problem: (e as Error).message });
      }
      const out = await predict(net, weights.tensors, x, { backend, standardize: info.standardize });
      const rows = interpret(block?.loss ?? null, out.data, n, info.classes);
      if (values.json) {
        io.stdout(`${jsonText(rows)}\n`);
      } else {
        for (const r of rows) {
          io.stdout('output' in r ? `${r.output.map((v) => v.toFixed(6)).join('  ')}\n` : `${shown(r.name, 80)}  ${r.probabilities[r.class].toFixed(4)}\n`);
        }
      }
      return EXIT.ok;
    });
  },
};
