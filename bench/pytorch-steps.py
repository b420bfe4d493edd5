"""A plain PyTorch training loop, for bench/train.ts: steps per second of one net, one thread.

usage: /usr/bin/python3 bench/pytorch-steps.py MODEL.py CLASS BATCH SHAPE CLASSES STEPS
MODEL.py is `dlc export --model` of the bench spec (the same nn.Module dlc trains); SHAPE
is the per-example input shape as JSON. The batch is fixed data (a step's cost does not
depend on the values); Adam and cross-entropy as the bench specs train. Prints steps/s and
steps per CPU second, after a warm-up of a tenth of the steps.
"""
import importlib.util
import json
import sys
import time

import torch

torch.set_num_threads(1)
path, cls, batch, shape, classes, steps = sys.argv[1:7]
spec = importlib.util.spec_from_file_location("bench_model", path)
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
torch.manual_seed(0)
model = getattr(module, cls)()
x = torch.randn(int(batch), *json.loads(shape))
y = torch.randint(0, int(classes), (int(batch),))
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
loss_fn = torch.nn.CrossEntropyLoss()
model.train()


def run(n):
    for _ in range(n):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    loss.item()


steps = int(steps)
run(max(1, steps // 10))
wall, cpu = time.perf_counter(), time.process_time()
run(steps)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"stepsPerSecond": steps / wall, "stepsPerCpuSecond": steps / cpu}))
