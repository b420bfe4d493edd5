# The three losses of the lesson, by hand and with PyTorch.
import math
import torch
import torch.nn as nn

# Mean squared error: house prices in units of 100 000.
predicted = torch.tensor([2.5, 3.0, 4.0])
actual = torch.tensor([2.0, 3.0, 6.0])
by_hand = ((0.5) ** 2 + 0 ** 2 + (-2.0) ** 2) / 3
mse = nn.MSELoss()(predicted, actual).item()
print(f"MSE  {mse:.4f}  by hand {by_hand:.4f}")

# Binary cross-entropy: the label is 1 ("spam"), so the loss is
# -ln(the probability given to 1).
for p in [0.9, 0.5, 0.1]:
    loss = nn.BCELoss()(torch.tensor([p]), torch.tensor([1.0])).item()
    print(f"BCE  p = {p}  loss {loss:.4f}  by hand {-math.log(p):.4f}")

# Cross-entropy: raw scores for 3 classes, the true class is 0.
# PyTorch's CrossEntropyLoss applies softmax itself, so it takes raw scores.
scores = torch.tensor([[2.0, 1.0, 0.1]])
loss = nn.CrossEntropyLoss()(scores, torch.tensor([0])).item()
p0 = torch.softmax(scores, dim=1)[0, 0].item()
print(f"CE   softmax gives class 0 p = {p0:.3f}  loss {loss:.4f}  "
      f"by hand {-math.log(p0):.4f}")
wrong = nn.CrossEntropyLoss()(scores, torch.tensor([2])).item()
print(f"CE   if the true class were 2: loss {wrong:.4f}")
