# Three optimisers on one valley, f(a, b) = (a^2 + 10 b^2) / 2, from the same
# start: plain gradient descent, gradient descent with momentum, and Adam.
# 64-bit floats, so the figure of lesson 5 can redraw these paths exactly.
import torch

START, STEPS = (-4.0, 1.5), 30
optimisers = {
    "gradient descent": lambda p: torch.optim.SGD(p, lr=0.15),
    "momentum 0.8":     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8),
    "Adam":             lambda p: torch.optim.Adam(p, lr=0.2),
}
for name, make in optimisers.items():
    p = torch.tensor(START, dtype=torch.float64, requires_grad=True)
    optimiser = make([p])
    path = [p.tolist()]
    for _ in range(STEPS):
        f = (p[0] ** 2 + 10 * p[1] ** 2) / 2
        optimiser.zero_grad()
        f.backward()
        optimiser.step()
        path.append(p.tolist())
    a, b = path[-1]
    # Adding 0.0 turns a rounded -0.0 into 0.0.
    shown = "  ".join(f"({round(a, 2) + 0.0:.2f}, {round(b, 2) + 0.0:.2f})"
                      for a, b in path[5:STEPS + 1:5])
    print(f"{name:16s} every 5 steps: {shown}")
    print(f"{'':16s} after {STEPS} steps f = {(a * a + 10 * b * b) / 2:.4f}")
