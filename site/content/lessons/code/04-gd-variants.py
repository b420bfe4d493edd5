# Batch, stochastic and mini-batch gradient descent on one problem, same seed.
import torch
import torch.nn as nn

torch.manual_seed(0)
x = torch.randn(1000, 1)
y = 3 * x + 2 + 0.5 * torch.randn(1000, 1)   # noisy line: slope 3, intercept 2
loss_fn = nn.MSELoss()


def train(batch_size, epochs=5, lr=0.05):
    torch.manual_seed(1)      # the same starting weights and shuffles for all
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    updates = 0
    for _ in range(epochs):
        order = torch.randperm(len(x))       # reshuffle every epoch
        for start in range(0, len(x), batch_size):
            idx = order[start:start + batch_size]
            loss = loss_fn(model(x[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            updates += 1
    with torch.no_grad():
        full_loss = loss_fn(model(x), y).item()
    w, b = model.weight.item(), model.bias.item()
    return updates, full_loss, w, b


runs = [("batch, 5 epochs", 1000, 5), ("stochastic, 5 epochs", 1, 5),
        ("mini-batch 32, 5 epochs", 32, 5), ("batch, 100 epochs", 1000, 100)]
for name, size, epochs in runs:
    updates, loss, w, b = train(size, epochs)
    print(f"{name:23s} {updates:4d} updates  loss {loss:.4f}  "
          f"slope {w:.3f}  intercept {b:.3f}")

# The best any straight line can do here (least squares, solved exactly).
A = torch.cat([x, torch.ones_like(x)], dim=1)
best = torch.linalg.lstsq(A, y).solution
loss, w, b = loss_fn(A @ best, y).item(), best[0].item(), best[1].item()
print(f"{'best possible line':37s} loss {loss:.4f}  "
      f"slope {w:.3f}  intercept {b:.3f}")
