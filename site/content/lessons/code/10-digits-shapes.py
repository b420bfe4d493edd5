# The digits CNN layer by layer: the shape of one 8x8 image as it flows through.
import torch
import torch.nn as nn

torch.manual_seed(0)
layers = nn.Sequential(
    nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(64, 10),
)

x = torch.zeros(1, 1, 8, 8)                  # a batch of one image
print(f"{'input':12s} {list(x.shape[1:])}")
for layer in layers:
    x = layer(x)
    count = sum(p.numel() for p in layer.parameters())
    name, shape = type(layer).__name__, str(list(x.shape[1:]))
    print(f"{name:12s} {shape:12s} {count:4d} parameters")
print("total parameters:", sum(p.numel() for p in layers.parameters()))
dense = nn.Linear(64, 64)
print("one dense 64->64 layer on the raw pixels alone:",
      sum(p.numel() for p in dense.parameters()))
photo = nn.Linear(224 * 224 * 3, 100)      # a 224x224 colour photo -> 100 units
print("dense layer, 224x224 colour image -> 100 units:",
      photo.weight.numel(), "weights")
