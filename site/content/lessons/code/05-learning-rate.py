# Gradient descent on the bowl f(w) = (w - 3)^2, whose lowest point is w = 3.
# The slope is f'(w) = 2 (w - 3); each step moves w against the slope.


def descend(lr, steps=20, w=0.0):
    path = [w]
    for _ in range(steps):
        w = w - lr * 2 * (w - 3)
        path.append(w)
    return path


for lr in [0.01, 0.1, 0.9, 1.1]:
    path = descend(lr)
    first = ", ".join(f"{w:.2f}" for w in path[1:5])
    print(f"lr {lr:<4}  first steps {first}  ...  "
          f"after 20 steps w = {path[-1]:.3f}")
