"""Extra PyTorch reference cases for the runtime's conformance test.

The shared cases (copied from ../shared/reference) cover linear, conv, max pooling, LSTM and
the losses. These add what they leave out: batchnorm 1d/2d in training (running statistics)
and evaluation, average pooling, strided and padded convolution without bias, overlapping
max pooling over ties, the plain RNN, linear layers over every step of a sequence, a
sequence output with MSE, dropout in evaluation, and trajectories with weight decay, SGD
momentum on MSE, Adam with non-default betas on BCE with logits, and batchnorm.

Each net is written here directly in PyTorch, independently of dlc's compiler, and each
case carries the `.dl` spec it corresponds to. Same format as the shared cases
(`dl-reference/1`, see /work/shared/reference/README.md), except that a binary trajectory
(output [1]) reports test accuracy by threshold (logit > 0, probability > 0.5).

It also writes two references of its own format beside this script: `rng.json`, raw draws of
PyTorch's and NumPy's generators (uniform_, DataLoader order, RandomState.permutation,
Dropout masks, default initialisation of every module kind), and `minibatch.json`, a
PyTorch training run with mini-batches and dropout from torch.manual_seed, which dlc must
reproduce from the same seed alone; and `iris-spec.json`, specs/iris.dl run by PyTorch.

Run with Debian's PyTorch:  /usr/bin/python3 tests/runtime/reference/generate.py [CASE ...]
(naming cases writes only those). It writes tests/fixtures/pytorch/rt_*.json and tests/runtime/reference/{rng,minibatch,iris-spec}.json.
"""
import json
import math
import os
import sys

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "pytorch")
STEP_TOL = {"rtol": 1e-4, "atol": 1e-5, "grad_rtol": 1e-3, "grad_atol": 1e-5}
TRAJ_TOL = {"loss_rtol": 2e-3, "param_rtol": 2e-3, "param_atol": 2e-4}


class Last(nn.Module):
    def forward(self, x):
        return x[:, -1]


class RNNOut(nn.RNN):
    def forward(self, x):
        return super().forward(x)[0]


class LSTMOut(nn.LSTM):
    def forward(self, x):
        return super().forward(x)[0]


class Net(nn.Module):
    def __init__(self, *layers):
        super().__init__()
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)


def tensor(t):
    t = t.detach()
    if t.dtype in (torch.int64, torch.int32):
        return {"shape": list(t.shape), "data": [int(v) for v in t.reshape(-1).tolist()]}
    return {"shape": list(t.shape), "data": [float(v) for v in t.float().reshape(-1).tolist()]}


def state(net):
    return {k: tensor(v) for k, v in net.state_dict().items()}


def loss_fn(name):
    return {
        "mse": nn.MSELoss(),
        "bce": nn.BCELoss(),
        "bce_logits": nn.BCEWithLogitsLoss(),
        "cross_entropy": nn.CrossEntropyLoss(),
    }[name]


def perturb_batchnorm(net, gen):
    """Non-trivial affine weights and running statistics, so evaluation tests something."""
    for m in net.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            with torch.no_grad():
                m.weight.copy_(torch.rand(m.weight.shape, generator=gen) + 0.5)
                m.bias.copy_(torch.randn(m.bias.shape, generator=gen) * 0.3)
                m.running_mean.copy_(torch.randn(m.running_mean.shape, generator=gen) * 0.5)
                m.running_var.copy_(torch.rand(m.running_var.shape, generator=gen) + 0.5)
                m.num_batches_tracked.fill_(7)


def step_case(name, about, spec, net_name, net, mode, loss, x, target):
    params = state(net)
    net.train(mode == "train")
    x = x.clone().requires_grad_(True)
    out = net(x)
    value = loss_fn(loss)(out, target)
    net.zero_grad()
    value.backward()
    expect = {
        "output": tensor(out),
        "loss": float(value),
        "grads": {k: tensor(p.grad) for k, p in net.named_parameters()},
        "input_grad": tensor(x.grad),
    }
    buffers = {k: tensor(v) for k, v in net.named_buffers()}
    if buffers:
        expect["buffers"] = buffers
    return {
        "format": "dl-reference/1", "kind": "step", "name": name, "about": about, "spec": spec,
        "net": net_name, "mode": mode, "loss": loss, "params": params,
        "input": tensor(x), "target": tensor(target), "expect": expect, "tolerance": STEP_TOL,
    }


def accuracy(out, target):
    if out.shape[-1] == 1:
        # Binary output: a logit above 0 (or a probability above 0.5) is class 1.
        threshold = 0.5 if (out.min() >= 0 and out.max() <= 1) else 0.0
        return float(((out > threshold).float() == target).float().mean())
    return float((out.argmax(-1) == target).float().mean())


def trajectory_case(name, about, spec, net_name, net, loss, make_opt, steps, train, test, classify):
    params = state(net)
    opt = make_opt(net.parameters())
    fn = loss_fn(loss)
    losses = []
    for _ in range(steps):
        net.train()
        opt.zero_grad()
        value = fn(net(train[0]), train[1])
        losses.append(float(value))
        value.backward()
        opt.step()
    net.eval()
    with torch.no_grad():
        acc = accuracy(net(test[0]), test[1]) if classify else None
    return {
        "format": "dl-reference/1", "kind": "trajectory", "name": name, "about": about, "spec": spec,
        "net": net_name, "loss": loss, "params": params,
        "train": {"input": tensor(train[0]), "target": tensor(train[1])},
        "test": {"input": tensor(test[0]), "target": tensor(test[1])},
        "steps": steps,
        "expect": {"losses": losses, "params": state(net), "test_accuracy": acc},
        "tolerance": TRAJ_TOL,
    }


def cases():
    gen = torch.Generator().manual_seed(1234)
    randn = lambda *s: torch.randn(*s, generator=gen)
    classes = lambda n, k: torch.randint(0, k, (n,), generator=gen)

    torch.manual_seed(1)
    spec = "net B1 < linear 4->6; batchnorm; relu; linear 6->3 >"
    mk = lambda: Net(nn.Linear(4, 6), nn.BatchNorm1d(6), nn.ReLU(), nn.Linear(6, 3))
    net = mk()
    perturb_batchnorm(net, gen)
    yield step_case("rt_batchnorm1d_train_step", "BatchNorm1d in training: batch statistics, running statistics updated (unbiased variance), num_batches_tracked.",
                    spec, "B1", net, "train", "cross_entropy", randn(6, 4) * 2 + 1, classes(6, 3))
    torch.manual_seed(2)
    net = mk()
    perturb_batchnorm(net, gen)
    yield step_case("rt_batchnorm1d_eval_step", "BatchNorm1d in evaluation: running statistics, buffers unchanged.",
                    spec, "B1", net, "eval", "cross_entropy", randn(5, 4), classes(5, 3))

    torch.manual_seed(3)
    spec = "net B2 < input 2x5x5; conv 2->3 3 pad=1; batchnorm; relu; avgpool 2; flatten; linear 12->2 >"
    mk = lambda: Net(nn.Conv2d(2, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU(), nn.AvgPool2d(2), nn.Flatten(), nn.Linear(12, 2))
    net = mk()
    perturb_batchnorm(net, gen)
    yield step_case("rt_batchnorm2d_train_step", "BatchNorm2d in training over N, H, W; average pooling that drops the last row and column.",
                    spec, "B2", net, "train", "cross_entropy", randn(4, 2, 5, 5), classes(4, 2))
    torch.manual_seed(4)
    net = mk()
    perturb_batchnorm(net, gen)
    yield step_case("rt_batchnorm2d_eval_step", "BatchNorm2d in evaluation.",
                    spec, "B2", net, "eval", "cross_entropy", randn(3, 2, 5, 5), classes(3, 2))

    torch.manual_seed(5)
    spec = "net C < input 2x9x9; conv 2->4 3 stride=2 pad=1 bias=false; tanh; maxpool 3 stride=2; flatten; linear 16->3 bias=false >"
    net = Net(nn.Conv2d(2, 4, 3, stride=2, padding=1, bias=False), nn.Tanh(), nn.MaxPool2d(3, stride=2), nn.Flatten(), nn.Linear(16, 3, bias=False))
    x = randn(3, 2, 9, 9)
    x[0, :, :5, :] = 0  # equal values in the pooling windows: the gradient goes to the first maximum
    x[2, 1] = 0.25
    yield step_case("rt_conv_stride_pool_step", "Strided, padded convolution without bias; overlapping max pooling (3, stride 2) with ties; linear without bias.",
                    spec, "C", net, "train", "cross_entropy", x, classes(3, 3))

    torch.manual_seed(6)
    spec = "net P < input 1x7x7; avgpool 3 stride=1; conv 1->2 2; relu; maxpool 2; flatten; linear 8->2 >"
    net = Net(nn.AvgPool2d(3, stride=1), nn.Conv2d(1, 2, 2), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8, 2))
    x = randn(4, 1, 7, 7)
    x[1] = 0
    yield step_case("rt_avgpool_overlap_step", "Overlapping average pooling before a convolution; max pooling over a zero image.",
                    spec, "P", net, "train", "mse", x, randn(4, 2))

    torch.manual_seed(7)
    spec = "net R < input 7x2; rnn 2->5; linear 5->3; tanh; last; linear 3->2 >"
    net = Net(RNNOut(2, 5, batch_first=True), nn.Linear(5, 3), nn.Tanh(), Last(), nn.Linear(3, 2))
    yield step_case("rt_rnn_step", "A tanh RNN, a linear layer applied to every step, then the last step.",
                    spec, "R", net, "train", "cross_entropy", randn(4, 7, 2), classes(4, 2))

    torch.manual_seed(8)
    spec = "net L < input 4x3; lstm 3->4; linear 4->2 >"
    net = Net(LSTMOut(3, 4, batch_first=True), nn.Linear(4, 2))
    yield step_case("rt_lstm_sequence_mse_step", "An LSTM's every output mapped by a linear layer, a sequence output under MSE.",
                    spec, "L", net, "train", "mse", randn(3, 4, 3), randn(3, 4, 2))

    torch.manual_seed(9)
    spec = "net D < linear 4->8; relu; dropout 0.5; linear 8->2; softmax >"
    net = Net(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 2), nn.Softmax(dim=-1))
    yield step_case("rt_dropout_eval_step", "Dropout is the identity in evaluation; softmax output under MSE.",
                    spec, "D", net, "eval", "mse", randn(5, 4), torch.rand(5, 2, generator=gen))

    # Trajectories.
    torch.manual_seed(10)
    xs = torch.rand(40, 1, generator=gen) * 2 * math.pi - math.pi
    ys = torch.sin(xs)
    spec = ("net S < linear 1->16; tanh; linear 16->1 >\n"
            "train S on sine < loss mse; optimizer sgd lr=0.05 momentum=0.9 weight_decay=0.01; batch full; epochs 30 >")
    net = Net(nn.Linear(1, 16), nn.Tanh(), nn.Linear(16, 1))
    yield trajectory_case("rt_sgd_weight_decay_mse_trajectory", "30 full-batch SGD steps with momentum and weight decay on a sine regression.",
                          spec, "S", net, "mse", lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01),
                          30, (xs[:30], ys[:30]), (xs[30:], ys[30:]), False)

    torch.manual_seed(11)
    pts = randn(60, 2)
    lab = ((pts[:, 0] * pts[:, 1]) > 0).float().unsqueeze(1)
    spec = ("net X < linear 2->8; relu; linear 8->1 >\n"
            "train X on xor < loss bce_logits; optimizer adam lr=0.02 beta1=0.8 beta2=0.99 eps=1e-6 weight_decay=0.001; batch full; epochs 40 >")
    net = Net(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
    yield trajectory_case("rt_adam_options_bce_logits_trajectory", "40 full-batch Adam steps with non-default betas, eps and weight decay, BCE on logits; accuracy by threshold.",
                          spec, "X", net, "bce_logits", lambda p: torch.optim.Adam(p, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.001),
                          40, (pts[:45], lab[:45]), (pts[45:], lab[45:]), True)

    torch.manual_seed(12)
    centers = randn(3, 4) * 2
    ys3 = classes(50, 3)
    xs3 = centers[ys3] + randn(50, 4)
    spec = ("net N < linear 4->8; batchnorm; relu; dropout 0; linear 8->3 >\n"
            "train N on iris < loss cross_entropy; optimizer sgd lr=0.1; batch full; epochs 20 >")
    net = Net(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.0), nn.Linear(8, 3))
    yield trajectory_case("rt_batchnorm_sgd_trajectory", "20 full-batch SGD steps through batchnorm; running statistics in the final state and the test accuracy in evaluation mode.",
                          spec, "N", net, "cross_entropy", lambda p: torch.optim.SGD(p, lr=0.1),
                          20, (xs3[:40], ys3[:40]), (xs3[40:], ys3[40:]), True)

    # leaky_relu and silu, with a generator of their own so the cases above keep their numbers.
    gen2 = torch.Generator().manual_seed(2026)
    randn2 = lambda *s: torch.randn(*s, generator=gen2)
    torch.manual_seed(13)
    spec = "net A < linear 4->6; leaky_relu; linear 6->6; leaky_relu slope=0.2; linear 6->5; silu; linear 5->3 >"
    net = Net(nn.Linear(4, 6), nn.LeakyReLU(negative_slope=0.01), nn.Linear(6, 6), nn.LeakyReLU(negative_slope=0.2),
              nn.Linear(6, 5), nn.SiLU(), nn.Linear(5, 3))
    yield step_case("rt_leaky_relu_silu_step", "leaky_relu with its default slope and with slope=0.2, and silu, between linear layers.",
                    spec, "A", net, "train", "cross_entropy", randn2(6, 4) * 2, torch.randint(0, 3, (6,), generator=gen2))

    torch.manual_seed(14)
    spec = "net S < input 1x5x5; conv 1->2 3; silu; leaky_relu slope=0.3; flatten; linear 18->2 >"
    net = Net(nn.Conv2d(1, 2, 3), nn.SiLU(), nn.LeakyReLU(negative_slope=0.3), nn.Flatten(), nn.Linear(18, 2))
    yield step_case("rt_silu_leaky_relu_image_step", "silu and leaky_relu on an image between a convolution and flatten; squared error.",
                    spec, "S", net, "train", "mse", randn2(3, 1, 5, 5), randn2(3, 2))

    torch.manual_seed(15)
    pts2 = randn2(60, 2)
    lab2 = ((pts2[:, 0] * pts2[:, 1]) > 0).float().unsqueeze(1)
    spec = ("net T < linear 2->8; leaky_relu slope=0.1; linear 8->8; silu; linear 8->1 >\n"
            "train T on xor < loss bce_logits; optimizer adam lr=0.02; batch full; epochs 30 >")
    net = Net(nn.Linear(2, 8), nn.LeakyReLU(negative_slope=0.1), nn.Linear(8, 8), nn.SiLU(), nn.Linear(8, 1))
    yield trajectory_case("rt_leaky_relu_silu_adam_trajectory", "30 full-batch Adam steps through leaky_relu and silu, BCE on logits.",
                          spec, "T", net, "bce_logits", lambda p: torch.optim.Adam(p, lr=0.02),
                          30, (pts2[:45], lab2[:45]), (pts2[45:], lab2[45:]), True)


def rng_reference():
    from torch.utils.data import DataLoader, TensorDataset
    import numpy as np
    ref = {}
    torch.manual_seed(0)
    ref["uniform"] = {"seed": 0, "bound": 0.5, "data": torch.empty(1000).uniform_(-0.5, 0.5).tolist()}
    torch.manual_seed(7)
    loader = DataLoader(TensorDataset(torch.arange(10)), batch_size=3, shuffle=True)
    ref["loader"] = {"seed": 7, "n": 10, "epochs": [torch.cat([b[0] for b in loader]).tolist() for _ in range(3)]}
    ref["permutation"] = [{"seed": s, "n": n, "data": np.random.RandomState(s).permutation(n).tolist()}
                          for s, n in [(42, 150), (0, 7), (3, 1797), (2**32 - 1, 100)]]
    torch.manual_seed(5)
    ref["dropout"] = {"seed": 5, "p": 0.3, "shape": [4, 50], "data": nn.Dropout(0.3)(torch.ones(4, 50)).reshape(-1).tolist()}
    ref["init"] = []
    torch.manual_seed(11)
    net = Net(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.ReLU(), nn.Flatten(), nn.Linear(12, 5), nn.Dropout(0.5),
              nn.ReLU(), nn.Linear(5, 4, bias=False))
    ref["init"].append({"seed": 11, "spec": "net I < input 2x4x4; conv 2->3 3; batchnorm; relu; flatten; linear 12->5; "
                        "dropout 0.5; relu; linear 5->4 bias=false >", "state": state(net)})
    torch.manual_seed(12)
    net = Net(LSTMOut(2, 3, batch_first=True), RNNOut(3, 2, batch_first=True), Last(), nn.Linear(2, 2))
    ref["init"].append({"seed": 12, "spec": "net J < input 6x2; lstm 2->3; rnn 3->2; last; linear 2->2 >", "state": state(net)})
    return ref


def minibatch_reference():
    """Mini-batches reshuffled every epoch and dropout, all from torch.manual_seed(3)."""
    gen = torch.Generator().manual_seed(99)
    x = torch.randn(50, 4, generator=gen)
    y = ((x[:, 0] + x[:, 1] * x[:, 2]) > 0).long() + (x[:, 3] > 1).long()
    torch.manual_seed(3)
    net = Net(nn.Linear(4, 16), nn.ReLU(), nn.Dropout(0.25), nn.Linear(16, 3))
    start = state(net)
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x, y), batch_size=8, shuffle=True)
    opt = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.5)
    fn = nn.CrossEntropyLoss()
    losses = []
    for _ in range(4):
        net.train()
        total = 0.0
        for xb, yb in loader:
            opt.zero_grad()
            loss = fn(net(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(xb)
        losses.append(total / len(x))
    return {
        "about": "torch.manual_seed(3); the net; DataLoader(batch_size=8, shuffle=True); 4 epochs of SGD with dropout.",
        "spec": "net MB < linear 4->16; relu; dropout 0.25; linear 16->3 >\n"
                "train MB on iris < split 0; loss cross_entropy; optimizer sgd lr=0.1 momentum=0.5; batch 8; epochs 4; seed 3 >",
        "input": tensor(x), "target": tensor(y), "start": start, "losses": losses, "state": state(net),
        "tolerance": {"loss_rtol": 1e-4, "param_rtol": 1e-4, "param_atol": 1e-5},
    }


def iris_spec_reference():
    """specs/iris.dl as PyTorch runs it: one seed (42) for weights, split and shuffling."""
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler
    x, y = load_iris(return_X_y=True)
    torch.manual_seed(42)
    xtr, xte, ytr, yte = train_test_split(x, y, test_size=0.2, random_state=42)
    scaler = StandardScaler().fit(xtr)
    xtr = torch.tensor(scaler.transform(xtr), dtype=torch.float32)
    xte = torch.tensor(scaler.transform(xte), dtype=torch.float32)
    ytr, yte = torch.tensor(ytr), torch.tensor(yte)
    net = Net(nn.Linear(4, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 3))
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xtr, ytr), batch_size=len(xtr), shuffle=True)
    opt = torch.optim.Adam(net.parameters(), lr=0.001)
    fn = nn.CrossEntropyLoss()
    history = []
    for _ in range(100):
        net.train()
        for xb, yb in loader:
            opt.zero_grad()
            loss = fn(net(xb), yb)
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            out = net(xte)
            history.append({"train_loss": float(loss), "test_loss": float(fn(out, yte)),
                            "test_accuracy": float((out.argmax(-1) == yte).float().mean())})
    return {"about": "specs/iris.dl in PyTorch: torch.manual_seed(42), train_test_split(random_state=42), StandardScaler, 100 full-batch Adam epochs.",
            "history": history, "state": state(net), "tolerance": {"loss_rtol": 2e-3, "param_rtol": 2e-3, "param_atol": 2e-4}}


def main():
    # Names given on the command line: write only those cases (new ones, leaving the rest as they are).
    only = set(sys.argv[1:])
    for case in cases():
        if only and case["name"] not in only:
            continue
        path = os.path.join(OUT, case["name"] + ".json")
        with open(path, "w") as f:
            json.dump(case, f)
        print("wrote", os.path.normpath(path))
    if only:
        return
    here = os.path.dirname(__file__)
    for name, ref in [("rng", rng_reference()), ("minibatch", minibatch_reference()), ("iris-spec", iris_spec_reference())]:
        path = os.path.join(here, name + ".json")
        with open(path, "w") as f:
            json.dump(ref, f)
        print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
