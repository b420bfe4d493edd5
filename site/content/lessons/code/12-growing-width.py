# Fit sin(x) on [-pi, pi] with one hidden tanh layer of growing width, with
# the settings of specs/sine.dl: 200 points, Adam at lr 0.01, batches of 32,
# 300 epochs.
import math
import torch
import torch.nn as nn

torch.manual_seed(0)
x = (torch.rand(200, 1) * 2 - 1) * math.pi
y = torch.sin(x)

for width in [1, 2, 3, 8, 32]:
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(1, width), nn.Tanh(), nn.Linear(width, 1))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    for epoch in range(300):
        order = torch.randperm(200)
        for start in range(0, 200, 32):
            idx = order[start:start + 32]
            loss = nn.functional.mse_loss(model(x[idx]), y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    with torch.no_grad():
        mse = nn.functional.mse_loss(model(x), y).item()
        worst = (model(x) - y).abs().max().item()
    print(f"width {width:2d}: mean squared error {mse:.5f}, "
          f"worst miss {worst:.3f}")
