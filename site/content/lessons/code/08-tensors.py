# Tensors: NumPy-like arrays that can live on a GPU and track gradients.
import torch
import torch.nn as nn

device = "cuda" if torch.cuda.is_available() else "cpu"
print("device:", device)

x = torch.tensor([1.0, 2.0, 3.0])             # 3 inputs
W = torch.tensor([[0.1, 0.4],                 # 3 x 2: 3 inputs -> 2 outputs
                  [0.2, 0.5],
                  [0.3, 0.6]])
b = torch.tensor([0.5, -1.0])                 # one bias per output

x, W, b = x.to(device), W.to(device), b.to(device)
print("already there, .to returns the same tensor:", x.to(device) is x)
out = x @ W + b                               # one layer's computation
print("shape", tuple(out.shape), "values", [round(v, 2) for v in out.tolist()])

# The same numbers by hand, output by output.
first = 1 * 0.1 + 2 * 0.2 + 3 * 0.3 + 0.5
second = 1 * 0.4 + 2 * 0.5 + 3 * 0.6 - 1.0
print(round(first, 2), round(second, 2))

# nn.Linear does the same computation. It stores its weight as
# [outputs, inputs], the transpose of W above, and computes x @ weight.T + bias.
layer = nn.Linear(3, 2).to(device)
with torch.no_grad():
    layer.weight.copy_(W.T)
    layer.bias.copy_(b)
print("nn.Linear:", [round(v, 2) for v in layer(x).tolist()],
      "weight shape", tuple(layer.weight.shape))
