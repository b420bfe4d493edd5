# A narrow valley: f(a, b) = a^2 + 100 b^2. It is 100 times steeper along b
# than along a, like a loss whose weights have very different sensitivities.
import torch


def minimise(make_optimizer, steps=100):
    p = torch.tensor([10.0, 1.0], requires_grad=True)  # start: a = 10, b = 1
    optimizer = make_optimizer([p])
    for _ in range(steps):
        f = p[0] ** 2 + 100 * p[1] ** 2
        optimizer.zero_grad()
        f.backward()
        optimizer.step()
    a, b = p.tolist()
    return a, b, a**2 + 100 * b**2


runs = {
    "SGD  lr 0.009": lambda ps: torch.optim.SGD(ps, lr=0.009),
    "SGD  lr 0.011": lambda ps: torch.optim.SGD(ps, lr=0.011),
    "Adam lr 0.3  ": lambda ps: torch.optim.Adam(ps, lr=0.3),
}
for name, make in runs.items():
    a, b, f = minimise(make)
    print(f"{name}  after 100 steps: a = {a:.3g}, b = {b:.3g}, f = {f:.3g}")
