# A small feedforward network: 4 inputs, two hidden layers, 1 output.
import torch
import torch.nn as nn

torch.manual_seed(0)

model = nn.Sequential(
    nn.Linear(4, 5), nn.ReLU(),   # hidden layer 1: 5 units
    nn.Linear(5, 3), nn.ReLU(),   # hidden layer 2: 3 units
    nn.Linear(3, 1),              # output layer: 1 unit
)

for name, p in model.named_parameters():
    print(f"{name:9s} shape {str(list(p.shape)):7s} -> {p.numel():2d}")
print("total:", sum(p.numel() for p in model.parameters()))

x = torch.tensor([[0.5, -1.0, 2.0, 0.0]])  # one example with 4 features
print("prediction:", round(model(x).item(), 4))
