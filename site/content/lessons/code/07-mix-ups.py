# Two mix-ups of network output and loss: one stops with an error, the other
# runs and quietly trains on the wrong numbers.
import torch
import torch.nn as nn

# 1. Raw scores into BCELoss, which expects probabilities between 0 and 1.
raw = torch.tensor([2.5])
try:
    nn.BCELoss()(raw, torch.tensor([1.0]))
except RuntimeError as error:
    print("BCELoss on a raw score:", str(error).split("\n")[0])

# 2. Softmax in the network, then CrossEntropyLoss, which applies softmax
# again: no error, just a different loss.
scores = torch.tensor([[2.0, 1.0, 0.1]])
label = torch.tensor([0])
once = nn.CrossEntropyLoss()(scores, label).item()
twice = nn.CrossEntropyLoss()(torch.softmax(scores, dim=1), label).item()
print(f"CrossEntropyLoss on raw scores:   {once:.4f}")
print(f"CrossEntropyLoss after a softmax: {twice:.4f}  (no error)")

# Twice-squashed probabilities stay close together, so even a perfect answer
# keeps a large loss: the loss cannot fall below this, however well trained.
perfect = torch.softmax(torch.tensor([[100.0, 0.0, 0.0]]), dim=1)
floor = nn.CrossEntropyLoss()(perfect, label).item()
print(f"after a softmax, the lowest reachable loss is {floor:.4f}")
