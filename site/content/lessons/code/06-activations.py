# The four activation functions of the lesson, evaluated with PyTorch.
import torch
import torch.nn.functional as F

x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])
print("x       ", x.tolist())
print("ReLU    ", [round(v, 3) for v in torch.relu(x).tolist()])
print("sigmoid ", [round(v, 3) for v in torch.sigmoid(x).tolist()])
print("GELU    ", [round(v, 3) for v in F.gelu(x).tolist()])

# Softmax turns a vector of scores into probabilities that sum to 1.
scores = torch.tensor([2.0, 1.0, 0.1])
probs = torch.softmax(scores, dim=0)
print("softmax of [2.0, 1.0, 0.1] =", [round(v, 3) for v in probs.tolist()],
      "sum", round(probs.sum().item(), 6))

# GELU dips below zero for negative inputs; find its lowest value on a grid.
grid = torch.linspace(-4, 0, 40001)
g = F.gelu(grid)
print(f"GELU minimum {g.min().item():.4f} at x = {grid[g.argmin()].item():.3f}")

# Slopes (derivatives) via autograd: sigmoid's slope is at most 0.25, at x = 0.
z = torch.linspace(-6, 6, 1201, requires_grad=True)
torch.sigmoid(z).sum().backward()
steepest = z[z.grad.argmax()].item()
print(f"largest sigmoid slope {z.grad.max().item():.4f} at x = {steepest:.2f}")
print(f"sigmoid slope at x = 6: {z.grad[-1].item():.4f}")
