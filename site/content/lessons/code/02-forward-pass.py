# One forward pass through a tiny network, by hand and with PyTorch.
import torch
import torch.nn as nn

x = torch.tensor([2.0, 1.0])                 # two input features

# Layer 1: 2 inputs -> 2 hidden units, ReLU.
W1 = torch.tensor([[-0.5, 0.25],             # weights into hidden unit 1
                   [1.5, 0.5]])              # weights into hidden unit 2
b1 = torch.tensor([0.5, -1.0])
z1 = W1 @ x + b1                             # weighted sums
a1 = torch.relu(z1)                          # activations
print("z1 =", z1.tolist(), " a1 =", a1.tolist())

# Layer 2: 2 hidden units -> 1 output, sigmoid.
W2 = torch.tensor([[0.8, -0.4]])
b2 = torch.tensor([0.6])
z2 = W2 @ a1 + b2
a2 = torch.sigmoid(z2)
print("z2 =", [round(v, 4) for v in z2.tolist()],
      " prediction =", round(a2.item(), 4))

# The same network as PyTorch layers gives the same answer.
net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1), nn.Sigmoid())
with torch.no_grad():
    net[0].weight.copy_(W1); net[0].bias.copy_(b1)
    net[2].weight.copy_(W2); net[2].bias.copy_(b2)
    print("nn.Sequential:", round(net(x).item(), 4))
