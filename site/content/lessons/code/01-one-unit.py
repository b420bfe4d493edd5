# One unit: a weighted sum of its inputs, plus a bias, through an activation.
import torch

x = torch.tensor([0.5, 2.0, -1.0])   # three inputs
w = torch.tensor([0.4, 0.1, 0.3])    # one weight per input
b = torch.tensor(0.2)                # the bias

z = (w * x).sum() + b                # 0.2 + 0.2 - 0.3 + 0.2
a = torch.relu(z)                    # ReLU: keeps positives, zeroes negatives
print(f"z = {z.item():.2f}, a = {a.item():.2f}")
