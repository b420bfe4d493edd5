import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { encodeSafetensors } from '../../emit/safetensors.ts';
import { weightsMetadata } from '../../emit/weights-metadata.ts';
import type { BackendName, EpochReport, TrainResult } from '../../runtime/api.ts';
import { prepareRun } from '../../runtime/prepare-run.ts';
import { LIMITS } from '../../check/limits.ts';
import { R_BACKEND, R_CLI } from '../../diagnostics/messages.ts';
import { parse } from '../args.ts';
import type { Command } from '../command.ts';
import { EXIT } from '../command.ts';
import { checkWritable, CliError, jsonText, type Io } from '../io.ts';
import { backendFlag, intFlag, loadGraph, reportingErrors, specFileReader } from './runtime-command.ts';
import { formatBest, formatEpoch, formatFinal, progressLine, type Progress } from './train-output.ts';
import { heldOutSizes } from './train-sizes.ts';

/** Exit status after Ctrl-C, as a shell reports a command that SIGINT ended (128 + 2). */
const EXIT_INTERRUPTED = 130;

const help = `usage: dlc train FILE [--net NAME] [--backend auto|cpu|wasm] [--epochs N] [--seed N]
                 [--save W.safetensors [--keep-diverged]] [--json]

Trains a net of the spec as its train block says (data, split, validate, standardize, loss,
optimizer, batch, epochs, stop_after, seed) on TensorFlow.js and prints the training,
validation and test loss and accuracy of every epoch (loss only for a regression), then the final metrics. On a
terminal it draws a progress bar instead of a line per epoch.

Ctrl-C stops after the current batch; the weights trained so far are still saved with
--save. A second Ctrl-C quits at once.

options:
      --net NAME         the net to train (default: the first train block's)
      --backend B        auto (default: the fastest that starts), cpu or wasm
      --epochs N         override the train block's epochs
      --seed N           override the train block's seed (weights, data, split, shuffling)
      --save FILE        write the trained weights as safetensors, PyTorch state_dict names;
                         \`dlc predict\` and the exported PyTorch program read them
      --keep-diverged    with --save, save the weights of a run that diverged too,
                         marked dlc.diverged in their metadata (by default they are not)
      --json             print one JSON object at the end instead of the lines: net, backend,
                         epochs, stopped, final metrics, history, seconds (and with
                         stop_after: bestEpoch, stoppedEarly)
  -h, --help             show this help

exit status: 0 trained, 1 errors in the spec or data, 2 usage or I/O error, 3 the loss
diverged (NaN, infinite, or past 1000 times its starting value), 130 stopped by Ctrl-C

examples:
  dlc train specs/iris.dl
  dlc train specs/digits.dl --backend wasm --epochs 5 --save digits.safetensors`;

/** Writes the file whole or not at all: a reader never sees half of it, even after Ctrl-C. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new CliError(R_CLI.unwritable, { what: `\`${path}\``, why: (e as Error).message });
  }
}

/** Progress on a terminal: one line redrawn in place. */
function terminalProgress(io: Io) {
  let state: Progress | null = null;
  const draw = () => {
    if (state) io.stdout(`\r\x1b[2K${progressLine(state, process.stdout.columns || 80)}`);
  };
  return {
    epoch(r: EpochReport) {
      state = {
        epoch: Math.min(r.epoch + 1, r.epochs),
        epochs: r.epochs,
        fraction: r.epoch === r.epochs ? 1 : 0,
        loss: r.trainLoss,
        accuracy: r.trainAccuracy,
        testAccuracy: r.testAccuracy,
        validationAccuracy: r.validationAccuracy,
        seconds: r.seconds,
      };
      draw();
    },
    batch(epoch: number, epochs: number, fraction: number, loss: number, seconds: number) {
      state = { ...(state ?? { accuracy: null, testAccuracy: null }), epoch, epochs, fraction, loss, seconds };
      draw();
    },
    clear() {
      if (state) io.stdout('\r\x1b[2K');
    },
  };
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train a net on TensorFlow.js as its train block says',
  help,
  run(argv, io) {
    const { values, positionals } = parse(
      argv,
      {
        net: { type: 'string' },
        backend: { type: 'string' },
        epochs: { type: 'string' },
        seed: { type: 'string' },
        save: { type: 'string' },
        'keep-diverged': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      'train',
    );
    if (values.help) {
      io.stdout(`${help}\n`);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new CliError('train takes exactly one spec file\nrun `dlc train --help` for usage');
    const backendChoice = backendFlag(values.backend);
    // The same ranges as the train block's `epochs` and `seed` (check/settings.ts).
    const epochsFlag = intFlag(values.epochs, 'epochs', 1, LIMITS.epochs);
    const seedFlag = intFlag(values.seed, 'seed', 0, 4294967295);
    const save = typeof values.save === 'string' ? resolve(io.cwd, values.save) : undefined;
    const json = values.json === true;

    return reportingErrors('train', io, async () => {
      const loaded = loadGraph(positionals[0], io);
      if (!loaded) return EXIT.specError;
      const { graph, spec } = loaded;
      // The run's data, before TensorFlow.js loads: bad data is reported before any training,
      // and the header's sizes and the weights' class and feature names come from it.
      const run = prepareRun(graph, {
        net: typeof values.net === 'string' ? values.net : undefined, seed: seedFlag, epochs: epochsFlag, readFile: specFileReader(spec),
      });
      const { block, seed, epochs } = run;
      if (save !== undefined) checkWritable(save, values.save as string);
      // TensorFlow.js loads only here, so `dlc check` and friends start fast.
      const [{ initBackend }, { fit }, { pickBackend, stepFlops }] = await Promise.all([import('../../runtime/backend.ts'), import('../../runtime/train.ts'), import('../../runtime/choose-backend.ts')]);
      let backend: BackendName;
      try {
        // Node has no WebGL: auto picks by the net's cost among wasm and cpu.
        backend = await initBackend(backendChoice, { autoOrder: pickBackend(stepFlops(run.net, block), null).order });
      } catch (e) {
        throw new CliError(R_BACKEND.unavailable, { problem: (e as Error).message });
      }

      const sizes = heldOutSizes(run.sizes);
      const tty = io.tty === true && !json;
      if (!json) io.stdout(`${block.net} on ${block.dataset.name}: ${sizes}, ${epochs} epochs, ${backend} backend\n`);

      const controller = new AbortController();
      const onSigint = () => {
        if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
        controller.abort();
        io.stderr(`${tty ? '\n' : ''}stopping after this batch (Ctrl-C again to quit at once)\n`);
      };
      process.on('SIGINT', onSigint);
      const progress = tty ? terminalProgress(io) : null;
      let result: TrainResult;
      const started = performance.now();
      try {
        result = await fit(run, {
          backend,
          signal: controller.signal,
          onEpoch: (r) => {
            if (progress) progress.epoch(r);
            else if (!json) io.stdout(`${formatEpoch(r)}\n`);
          },
          onBatch: progress
            ? (b) => progress.batch(b.epoch, epochs, b.batch / b.batches, b.loss, (performance.now() - started) / 1000)
            : undefined,
        });
      } finally {
        process.off('SIGINT', onSigint);
        progress?.clear();
      }

      const diverged = result.stopped === 'diverged';
      const keep = save !== undefined && (!diverged || values['keep-diverged'] === true);
      if (diverged) {
        io.stderr(`dlc train: error ${result.code ?? 'DL0830'}: ${result.message ?? 'training diverged'}\n`);
        if (save && !keep) io.stderr('dlc train: weights not saved (--keep-diverged saves them, marked as diverged)\n');
      }
      if (save && keep) {
        const meta = weightsMetadata({
          net: result.net,
          standardize: result.standardize,
          classes: run.classes,
          features: run.features,
          epochs: result.epochs,
          seed,
          ...(diverged ? { diverged: result.code ?? 'DL0830' } : {}),
        });
        writeAtomically(save, encodeSafetensors(result.state, meta));
      }

      if (json) {
        const f = result.final;
        io.stdout(`${jsonText({
          net: result.net,
          backend: result.backend,
          epochs: result.epochs,
          stopped: result.stopped,
          ...(result.message ? { message: result.message } : {}),
          final: f && {
            trainLoss: f.trainLoss, trainAccuracy: f.trainAccuracy, testLoss: f.testLoss, testAccuracy: f.testAccuracy,
            ...(f.validationLoss !== undefined ? { validationLoss: f.validationLoss, validationAccuracy: f.validationAccuracy } : {}),
          },
          ...(result.bestEpoch !== undefined ? { bestEpoch: result.bestEpoch, stoppedEarly: result.stoppedEarly } : {}),
          history: result.history,
          seconds: result.seconds,
          ...(keep ? { saved: values.save } : {}),
        })}\n`);
      } else {
        if (result.stopped === 'aborted') io.stdout(`stopped by Ctrl-C after ${result.epochs} of ${epochs} epochs\n`);
        if (result.bestEpoch !== undefined && result.bestEpoch > 0 && result.stopped !== 'diverged') {
          io.stdout(`${formatBest(result.bestEpoch, result.epochs, result.stoppedEarly === true, epochs)}\n`);
        }
        if (result.final) io.stdout(`${formatFinal(result.final, result.seconds)}\n`);
        if (keep) io.stdout(`saved the ${diverged ? 'diverged ' : ''}weights to ${values.save}\n`);
      }
      if (diverged) return EXIT.diverged;
      return result.stopped === 'aborted' ? EXIT_INTERRUPTED : EXIT.ok;
    });
  },
};
