# Autograd: PyTorch records the operations and differentiates through them.
import torch

x = torch.tensor(3.0, requires_grad=True)
y = x**2 + 2 * x + 1        # y = 16 at x = 3
y.backward()                # fills x.grad with dy/dx
print("y =", y.item())
print("dy/dx =", x.grad.item(), f"(by hand: 2x + 2 = {2 * 3 + 2})")
