# One gradient-descent step on the tiny network, then a finite-difference
# check that autograd's gradients really are the slopes of the loss.
import torch
import torch.nn.functional as F

x = torch.tensor([2.0, 1.0], dtype=torch.float64)
target = torch.tensor([1.0], dtype=torch.float64)
params = {
    "W1": torch.tensor([[-0.5, 0.25], [1.5, 0.5]], dtype=torch.float64),
    "b1": torch.tensor([0.5, -1.0], dtype=torch.float64),
    "W2": torch.tensor([[0.8, -0.4]], dtype=torch.float64),
    "b2": torch.tensor([0.6], dtype=torch.float64),
}


def loss_of(p):
    hidden = torch.relu(p["W1"] @ x + p["b1"])
    return F.binary_cross_entropy(torch.sigmoid(p["W2"] @ hidden + p["b2"]), target)


for t in params.values():
    t.requires_grad_()
loss = loss_of(params)
loss.backward()

# One step downhill: every weight moves against its gradient, lr 0.5.
lr = 0.5
with torch.no_grad():
    stepped = {name: t - lr * t.grad for name, t in params.items()}
print(f"loss before the step {loss.item():.4f}, after {loss_of(stepped).item():.4f}")
print("W2 after the step", [round(v, 4) for v in stepped["W2"].flatten().tolist()])


# Finite differences: nudge one weight by h each way and measure the slope.
def slope(name, i, h=1e-6):
    flat = params[name].detach().view(-1)
    old = flat[i].item()
    flat[i] = old + h
    up = loss_of(params).item()
    flat[i] = old - h
    down = loss_of(params).item()
    flat[i] = old
    return (up - down) / (2 * h)


print(f"slope of the loss along W2[1]: {slope('W2', 1):.4f}",
      f"(autograd: {params['W2'].grad[0, 1].item():.4f})")
gaps = [abs(slope(name, i) - t.grad.view(-1)[i].item())
        for name, t in params.items() for i in range(t.numel())]
print(f"all {len(gaps)} gradients match their slopes to within 1e-8:",
      max(gaps) < 1e-8)
