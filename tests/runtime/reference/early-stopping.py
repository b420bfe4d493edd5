"""PyTorch reference for `validate` and `stop_after`: a whole spec run from its seed.

Written here directly in PyTorch and sklearn, independently of dlc's exporter: iris, the test
split, then the validation split from what it leaves (docs/language.md, "Held-out sets"),
StandardScaler on the training rows, torch.manual_seed(42) for the weights and the
DataLoader's shuffling, Adam on mini-batches of 16, and early stopping with patience 5 that
keeps the weights of the lowest validation loss.

Run with Debian's PyTorch:  /usr/bin/python3 tests/runtime/reference/early-stopping.py
It writes tests/fixtures/pytorch/rt_early_stopping_run.json (kind `run`, checked by
tests/runtime/conformance-run.ts).
"""
import copy
import json
import math
import os
import sys

import numpy as np
import torch
from torch import nn
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, os.path.dirname(__file__))
from generate import OUT, Net, state  # noqa: E402

SEED, SPLIT, VALIDATE, EPOCHS, PATIENCE, BATCH, LR = 42, 0.2, 0.2, 60, 5, 16, 0.01
SPEC = f"""net Iris <
  linear 4->32; relu;
  linear 32->16; relu;
  linear 16->3
>

train Iris on iris <
  split {SPLIT};
  validate {VALIDATE};
  standardize;
  loss cross_entropy;
  optimizer adam lr={LR};
  batch {BATCH};
  epochs {EPOCHS};
  stop_after {PATIENCE};
  seed {SEED}
>
"""


def main():
    x, y = load_iris(return_X_y=True)
    rows = np.arange(len(x))
    torch.manual_seed(SEED)
    xtr, xte, ytr, yte, rtr, rte = train_test_split(x, y, rows, test_size=SPLIT, random_state=SEED)
    n_val = math.ceil(VALIDATE * len(x))
    xtr, xva, ytr, yva, rtr, rva = train_test_split(xtr, ytr, rtr, test_size=n_val, random_state=SEED)
    scaler = StandardScaler().fit(xtr)
    as_x = lambda a: torch.tensor(scaler.transform(a), dtype=torch.float32)  # noqa: E731
    xtr, xva, xte = as_x(xtr), as_x(xva), as_x(xte)
    ytr, yva, yte = torch.tensor(ytr), torch.tensor(yva), torch.tensor(yte)

    net = Net(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 3))
    start = state(net)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xtr, ytr), batch_size=BATCH, shuffle=True)
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    fn = nn.CrossEntropyLoss()

    def evaluate(xs, ys):
        net.eval()
        with torch.no_grad():
            out = net(xs)
            return float(fn(out, ys)), float((out.argmax(1) == ys).float().mean())

    history, best, best_epoch, best_state, stopped_early = [], math.inf, 0, None, False
    for epoch in range(1, EPOCHS + 1):
        net.train()
        total = correct = 0.0
        for xb, yb in loader:
            opt.zero_grad()
            out = net(xb)
            loss = fn(out, yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(xb)
            correct += (out.argmax(1) == yb).sum().item()
        val_loss, val_acc = evaluate(xva, yva)
        test_loss, test_acc = evaluate(xte, yte)
        history.append({"train_loss": total / len(xtr), "train_accuracy": correct / len(xtr),
                        "val_loss": val_loss, "val_accuracy": val_acc, "test_loss": test_loss, "test_accuracy": test_acc})
        if val_loss < best:
            best, best_epoch, best_state = val_loss, epoch, copy.deepcopy(net.state_dict())
        if epoch - best_epoch >= PATIENCE and epoch < EPOCHS:
            stopped_early = True
            break
    net.load_state_dict(best_state)
    gaps = sorted(h["val_loss"] for h in history)
    case = {
        "format": "dl-reference/1", "kind": "run", "name": "rt_early_stopping_run",
        "about": "a spec with validate 0.2 and stop_after 5 on iris, run whole from torch.manual_seed(42): "
                 "the rows of each set, every epoch's train/validation/test metrics, where it stops, and the restored best weights. params: the seeded initial weights, which dlc draws itself.",
        "spec": SPEC, "net": "Iris", "loss": "cross_entropy", "params": start,
        "tolerance": {"loss_rtol": 2e-3, "param_rtol": 2e-3, "param_atol": 2e-4},
        "expect": {
            "rows": {"train": rtr.tolist(), "validation": rva.tolist(), "test": rte.tolist()},
            "history": history, "epochs_run": len(history), "best_epoch": best_epoch, "stopped_early": stopped_early,
            "state": state(net),
            # How far the best validation loss is from the next best: the stop decision is
            # robust to rounding only when this is far above the loss tolerance.
            "best_margin": (gaps[1] - gaps[0]) / gaps[0],
        },
    }
    path = os.path.join(OUT, case["name"] + ".json")
    with open(path, "w") as f:
        json.dump(case, f)
    print("wrote", os.path.normpath(path), "epochs", len(history), "best", best_epoch, "margin", case["expect"]["best_margin"])


if __name__ == "__main__":
    main()
