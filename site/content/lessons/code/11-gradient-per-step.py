# How much gradient reaches each step of a 40-step sequence, for a freshly
# initialised plain RNN and LSTM. The task: the label is the first of 40 bits.
import torch
import torch.nn as nn

STEPS = 40
SHOWN = [40, 30, 20, 10, 1]                     # steps to report, last first

print(" " * 13 + "".join(f"step {t:<4d}" for t in SHOWN) + "first/last")
for kind in ["RNN", "LSTM"]:
    for seed in range(3):
        torch.manual_seed(seed)
        cell = nn.RNN if kind == "RNN" else nn.LSTM
        recurrent = cell(1, 16, batch_first=True)
        head = nn.Linear(16, 2)
        x = torch.randint(0, 2, (100, STEPS, 1)).float().requires_grad_()
        label = x[:, 0, 0].long().detach()        # remember the first bit

        outputs, _ = recurrent(x)
        loss = nn.functional.cross_entropy(head(outputs[:, -1]), label)
        loss.backward()

        # Average size of the gradient arriving at each step's input.
        size = x.grad.abs().mean(dim=(0, 2))
        shown = "".join(f"{size[t - 1].item():<9.0e}" for t in SHOWN)
        ratio = (size[0] / size[-1]).item()
        print(f"{kind:4s} seed {seed}  {shown}{ratio:.0e}")
