/**
 * `dlc export --to pytorch`: one runnable Python file for a net and its train block.
 * It prints the same lines as `dlc train` (`formatEpoch` in compiler/cli/commands/
 * train-output.ts) and reads and writes the same safetensors files, metadata included,
 * as `dlc train --save` and `dlc predict`.
 */
import type { NetGraph, TrainGraph } from '../graph/types.ts';
import { pyData } from './py-data.ts';
import { pyDistributed } from './py-distributed.ts';
import { pyDivergence } from './py-divergence.ts';
import { PY_EARLY_STOPPING, PY_SIZES, PY_SPLIT } from './py-holdout.ts';
import { CLASS_SLOT, pyNumber } from './py-modules.ts';
import { PY_SAFETENSORS } from './py-safetensors.ts';
import { pyDocstring, pyString } from './py-literal.ts';
import { predictedClasses } from './weights-check.ts';

const LOSSES: Record<TrainGraph['loss'], string> = {
  mse: 'nn.MSELoss()',
  bce: 'nn.BCELoss()',
  bce_logits: 'nn.BCEWithLogitsLoss()',
  cross_entropy: 'nn.CrossEntropyLoss()',
};

/** Per loss: targets as the loss takes them, accuracy, and class probabilities. */
const TASKS: Record<TrainGraph['loss'], { targets: string; correct: (out: string, y: string) => string; probabilities: string }> = {
  cross_entropy: {
    targets: 'torch.from_numpy(y).long()',
    correct: (out, y) => `${out}.argmax(1) == ${y}`,
    probabilities: 'torch.softmax(out, dim=1)',
  },
  bce: {
    targets: 'torch.from_numpy(y).float().reshape(-1, 1)',
    correct: (out, y) => `(${out} > 0.5).float() == ${y}`,
    probabilities: 'torch.cat([1 - out, out], dim=1)',
  },
  bce_logits: {
    targets: 'torch.from_numpy(y).float().reshape(-1, 1)',
    correct: (out, y) => `(${out} > 0).float() == ${y}`,
    probabilities: 'torch.cat([1 - torch.sigmoid(out), torch.sigmoid(out)], dim=1)',
  },
  mse: {
    targets: 'torch.from_numpy(y).float().reshape(len(y), -1)',
    correct: () => '',
    probabilities: '',
  },
};

function optimizer(t: TrainGraph): string {
  const o = t.optimizer;
  const wd = o.weightDecay ? `, weight_decay=${pyNumber(o.weightDecay)}` : '';
  if (o.name === 'sgd') {
    return `torch.optim.SGD(model.parameters(), lr=${pyNumber(o.lr)}${o.momentum ? `, momentum=${pyNumber(o.momentum)}` : ''}${wd})`;
  }
  return `torch.optim.Adam(model.parameters(), lr=${pyNumber(o.lr)}, betas=(${pyNumber(o.beta1)}, ${pyNumber(o.beta2)}), eps=${pyNumber(o.eps)}${wd})`;
}

const IMPORTS = `import argparse
import copy
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn`;

const PREDICT_INPUT = `def read_inputs(path, features, shape):
    """Rows of numbers to predict, from a csv file or - (stdin): the features in order, or
    under a header that names them (other columns, such as the target, are ignored)."""
    text = sys.stdin.read() if path == "-" else open(path).read()
    rows = [[v.strip() for v in line.split(",")] for line in text.splitlines() if line.strip()]
    size = int(np.prod(shape))
    columns = list(range(size))
    try:
        [float(v) for v in rows[0]]
    except ValueError:
        header, rows = rows[0], rows[1:]
        if features and all(f in header for f in features):
            columns = [header.index(f) for f in features]
    return np.array([[float(r[c]) for c in columns] for r in rows], dtype=np.float32).reshape((-1, *shape))`;

const FORMAT = `def format_epoch(epoch, epochs, train, test, val=None):
    """One line per epoch, exactly as dlc train prints it."""
    width = len(str(epochs))
    return f"epoch {epoch:>{width}}/{epochs}  {format_metrics(train, test, val)}"


def format_metrics(train, test, val=None):
    text = f"train loss {train[0]:.4f}" + ("" if train[1] is None else f" acc {train[1]:.4f}")
    if val is not None:
        text += f"  val loss {val[0]:.4f}" + ("" if val[1] is None else f" acc {val[1]:.4f}")
    if test is not None:
        text += f"  test loss {test[0]:.4f}" + ("" if test[1] is None else f" acc {test[1]:.4f}")
    return text`;

function trainedProgram(net: NetGraph, t: TrainGraph, model: string, source: string, file: string): string {
  const task = TASKS[t.loss];
  const classes = t.loss !== 'mse';
  const batch = t.batch === 'full' ? 'None  # full batch' : String(t.batch);
  const where = t.dataset.name === 'csv' ? ` file="${t.dataset.options.file}"` : '';
  const doc = `${net.name} trained on ${t.dataset.name}${where}: ${source}, exported by dlc to PyTorch.

    python3 ${file}                 train as the train block says, one line per epoch
    python3 ${file} --epochs 10 --seed 1
    python3 ${file} --save w.safetensors
    python3 ${file} --load w.safetensors --predict [inputs.csv] [--json]
    python3 ${file} --device cuda      on a GPU (default auto: cuda, else mps, else cpu)
    python3 ${file} --nproc 2          in 2 processes with DistributedDataParallel

--epochs and --seed override the train block. --save writes the trained weights, --load
starts from given ones (then training continues only for --epochs N). Weights are
safetensors with the state_dict names, as dlc train --save writes them and dlc predict
reads them. --predict prints the predictions for a csv of inputs (- for stdin), by default
for the test inputs. Under torchrun (or any launcher that sets RANK, WORLD_SIZE, LOCAL_RANK,
MASTER_ADDR and MASTER_PORT) every process trains its share; rank 0 prints and saves.
`;
  return `#!/usr/bin/env python3
${pyDocstring(doc)}
${IMPORTS}
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

# The train block.
NET = ${pyString(net.name)}
DATASET = ${pyString(t.dataset.name)}
EPOCHS = ${t.epochs}
SEED = ${t.seed}
SPLIT = ${pyNumber(t.split)}
VALIDATE = ${pyNumber(t.validate ?? 0)}
STOP_AFTER = ${t.stopAfter ?? 'None'}
STANDARDIZE = ${t.standardize ? 'True' : 'False'}
BATCH = ${batch}
SHAPE = (${net.inputShape.join(', ')},)


${model}


${pyData(t.dataset, classes)}


${PY_SAFETENSORS}

${PREDICT_INPUT}


${FORMAT}


${pyDistributed(classes ? task.correct : null)}


${PY_SIZES}


${PY_SPLIT}


${PY_EARLY_STOPPING}


${pyDivergence(t)}


def evaluate(model, loss_fn, x, y):
    """Loss${classes ? ' and accuracy' : ''} over a whole set, in evaluation mode."""
    model.eval()
    with torch.no_grad():
        out = model(x)
        loss = loss_fn(out, y).item()
        ${classes ? `accuracy = (${task.correct('out', 'y')}).float().mean().item()` : 'accuracy = None'}
    return loss, accuracy


def unreadable(path):
    """Why the file at path cannot be read, or None."""
    if os.path.isdir(path):
        return "it is a directory"
    try:
        open(path, "rb").close()
    except FileNotFoundError:
        return "no such file"
    except PermissionError:
        return "permission denied"
    except OSError as e:
        return e.strerror or str(e)
    return None


def check_arguments(args):
    """The command line's numbers and files, checked before any training (as dlc train does):
    a missing file would otherwise end a finished run in a traceback, its training lost."""
    if args.epochs is not None and args.epochs < 0:
        fail(f"--epochs {args.epochs}: give a number of epochs, 0 or more")
    for option, path in (("--load", args.load), ("--predict", args.predict), ("--data", args.data)):
        why = unreadable(path) if path and path != "-" else None
        if why:
            fail(f"cannot read {option} {shown(path)}: {why}")
    if args.save:
        folder = os.path.dirname(os.path.abspath(args.save))
        why = ("it is a directory" if os.path.isdir(args.save)
               else f"the folder {shown(os.path.dirname(args.save))} does not exist" if not os.path.isdir(folder)
               else "permission denied" if not os.access(folder, os.W_OK) else None)
        if why:
            fail(f"cannot write --save {shown(args.save)}: {why}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, help=f"epochs to train (default {EPOCHS}; 0 with --load)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"seed of the weights, data, split and shuffling (default {SEED})")
    parser.add_argument("--load", metavar="W.safetensors", help="start from these weights")
    parser.add_argument("--save", metavar="W.safetensors", help="save the weights after training")
    parser.add_argument("--predict", nargs="?", const="", metavar="CSV", help="predict these inputs (- for stdin; default: the test inputs)")
    parser.add_argument("--data", metavar="CSV", help="read the data set from this csv file")
    parser.add_argument("--json", action="store_true", help="print predictions as JSON")
    add_scale_arguments(parser)
    args = parser.parse_args()
    check_arguments(args)
    if launch(args):  # --nproc N: N processes have trained, each running main()
        return

    torch.manual_seed(args.seed)
    x, y, classes, features = load_data(args.seed, args.data)
    (x_train, y_train), validation, held_out = split_data(x, y, args.seed)
    x_test, y_test = held_out or (None, None)

    model = ${CLASS_SLOT}()
    mean = std = None
    if STANDARDIZE:
        from sklearn.preprocessing import StandardScaler
        scaler = StandardScaler().fit(x_train.reshape(len(x_train), -1))
        mean, std = scaler.mean_, scaler.scale_
    epochs = EPOCHS if args.epochs is None else args.epochs
    if args.load:
        try:
            state, meta = load_weights(args.load, model, int(np.prod(SHAPE)), ${predictedClasses(t.loss, net.outputShape.reduce((a, b) => a * b, 1)) ?? 'None'})
        except WeightsError as e:
            sys.exit(f"{shown(args.load)}: {e}" + (f"\\nhelp: {e.help}" if e.help else ""))
        model.load_state_dict(state)
        if "dlc.standardize" in meta:
            s = json.loads(meta["dlc.standardize"])
            mean, std = np.array(s["mean"]), np.array(s["std"])
        epochs = 0 if args.epochs is None else args.epochs
    rank, device = join_process_group(args)  # rank None: one process
    model.to(device)

    def inputs(a):
        if mean is not None:
            a = ((a.reshape(len(a), -1) - mean) / std).reshape(a.shape)
        return torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32)).to(device)

    def targets(y):
        return ${task.targets}.to(device)

    train_x, train_y = inputs(x_train), targets(y_train)
    test = None if x_test is None else (inputs(x_test), targets(y_test))
    val = None if validation is None else (inputs(validation[0]), targets(validation[1]))
    loss_fn = ${LOSSES[t.loss]}
    optimizer = ${optimizer(t)}
    loader = DataLoader(TensorDataset(train_x, train_y), batch_size=BATCH or len(train_x), shuffle=True)
    ddp = None if rank is None else DataParallelTraining(model, device, loss_fn, optimizer, (train_x, train_y), test, args.seed, args.sync_bn)

    if epochs > 0:
        counts = sizes(len(x_train), 0 if val is None else len(val[0]), 0 if test is None else len(test[0]))
        print(f"{NET} on {DATASET}: {counts}, {epochs} epochs, PyTorch {torch.__version__}")
    start = time.time()
    train_metrics = test_metrics = val_metrics = None
    stopper = EarlyStopping(STOP_AFTER) if STOP_AFTER and val is not None else None
    stopped_early = False
    start_loss = None  # the first batch's loss, against which an explosion is measured
    for epoch in range(1, epochs + 1):
        if ddp is not None:
            train_metrics, test_metrics = ddp.epoch(epoch)
            # All-reduced over the processes, so every process takes the same stop decision.
            if ddp.start_loss > 0 and train_metrics[0] > EXPLOSION * ddp.start_loss:
                ddp.diverged(EXPLODED, loss=precision3(train_metrics[0]), start=precision3(ddp.start_loss), epoch=epoch)
            val_metrics = ddp.evaluate(val)
        else:
            # As dlc reports it: the training loss${classes ? ' and accuracy' : ''} over the epoch's batches, as they were
            # trained; the test set's after the epoch, in evaluation mode.
            model.train()
            total = correct = 0
            for batch, (xb, yb) in enumerate(loader, 1):
                optimizer.zero_grad()
                out = model(xb)
                loss = loss_fn(out, yb)
                loss.backward()
                optimizer.step()
                value = loss.item()
                if not math.isfinite(value):
                    diverged(NOT_FINITE, loss=js_number(value), epoch=epoch, batch=batch)
                if start_loss is None:
                    start_loss = value
                total += value * len(xb)${classes ? `\n                correct += (${task.correct('out', 'yb')}).sum().item()` : ''}
            train_metrics = (total / len(train_x), ${classes ? 'correct / len(train_x)' : 'None'})
            if start_loss > 0 and train_metrics[0] > EXPLOSION * start_loss:
                diverged(EXPLODED, loss=precision3(train_metrics[0]), start=precision3(start_loss), epoch=epoch)
            test_metrics = None if test is None else evaluate(model, loss_fn, *test)
            val_metrics = None if val is None else evaluate(model, loss_fn, *val)
        print(format_epoch(epoch, epochs, train_metrics, test_metrics, val_metrics), flush=True)
        if stopper is not None and stopper.update(epoch, val_metrics[0], model, (train_metrics, test_metrics, val_metrics)) and epoch < epochs:
            stopped_early = True
            break
    if stopper is not None and stopper.state is not None:
        # However training ended, keep the epoch with the lowest validation loss.
        model.load_state_dict(stopper.state)
        train_metrics, test_metrics, val_metrics = stopper.metrics
        if stopped_early:
            print(f"stopped early after epoch {epoch} of {epochs}: no lower validation loss since epoch {stopper.best_epoch}; kept epoch {stopper.best_epoch}'s weights")
        else:
            print(f"kept epoch {stopper.best_epoch}'s weights, the lowest validation loss")
    if train_metrics is not None:
        print(f"final  {format_metrics(train_metrics, test_metrics, val_metrics)}  in {time.time() - start:.2f} s")

    if rank:  # only rank 0 saves and predicts
        return
    if args.save:
        meta = {"format": "pt", "dlc.net": NET}
        if mean is not None:
            meta["dlc.standardize"] = json.dumps({"mean": [float(v) for v in mean], "std": [float(v) for v in std]})
        if classes is not None:
            meta["dlc.classes"] = json.dumps(classes)
        if features is not None:
            meta["dlc.features"] = json.dumps(features)
        save_safetensors(args.save, model.state_dict(), meta)

    if args.predict is not None:
        a = read_inputs(args.predict, features, SHAPE) if args.predict else (x_test if x_test is not None else x_train)
        model.eval()
        with torch.no_grad():
            out = model(inputs(a))
${
  classes
    ? `            p = ${task.probabilities}
        rows = [{"class": int(k), "name": classes[k] if classes else str(int(k)), "probabilities": [float(v) for v in row]}
                for k, row in zip(p.argmax(1).tolist(), p)]
        if args.json:
            print(json.dumps(rows))
        else:
            for r in rows:
                print(f"{r['name']}  {r['probabilities'][r['class']]:.4f}")`
    : `        rows = [{"output": [float(v) for v in row]} for row in out]
        if args.json:
            print(json.dumps(rows))
        else:
            for r in rows:
                print("  ".join(f"{v:.6f}" for v in r["output"]))`
}


if __name__ == "__main__":
    main()
`;
}

/** A net without a train block: the class, and a main that builds it and lists its state_dict. */
function untrainedProgram(net: NetGraph, model: string, source: string): string {
  const doc = `${net.name}: ${source}, exported by dlc to PyTorch. The spec has no train block for this
net, so running this file builds the net and prints its state_dict names and shapes.`;
  return `#!/usr/bin/env python3
${pyDocstring(doc)}
import torch
from torch import nn


${model}


def main():
    model = ${CLASS_SLOT}()
    for name, t in model.state_dict().items():
        print(name, list(t.shape))
    print(sum(p.numel() for p in model.parameters()), "parameters")


if __name__ == "__main__":
    main()
`;
}

export function programSource(net: NetGraph, train: TrainGraph | null, model: string, source = 'a dlc spec', file = 'net.py'): string {
  return train ? trainedProgram(net, train, model, source, file) : untrainedProgram(net, model, source);
}
