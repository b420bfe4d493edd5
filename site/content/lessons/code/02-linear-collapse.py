# Three linear layers with no activation between them are one linear layer
# in disguise.
import torch
import torch.nn as nn

torch.manual_seed(0)
deep = nn.Sequential(nn.Linear(4, 16), nn.Linear(16, 16), nn.Linear(16, 1))

# Multiply the layers out: W = W3 W2 W1 and b = W3 (W2 b1 + b2) + b3.
W1, W2, W3 = (layer.weight for layer in deep)
b1, b2, b3 = (layer.bias for layer in deep)
single = nn.Linear(4, 1)
with torch.no_grad():
    single.weight.copy_(W3 @ W2 @ W1)
    single.bias.copy_(W3 @ (W2 @ b1 + b2) + b3)

x = torch.randn(1000, 4)                      # 1000 random inputs
gap = (deep(x) - single(x)).abs().max().item()
print("parameters:", sum(p.numel() for p in deep.parameters()), "vs", 4 + 1)
print(f"largest difference over 1000 inputs: {gap:.1e}")
