# Backpropagation through the tiny network of the forward-pass lesson:
# the chain rule by hand, then autograd, which must agree.
import torch
import torch.nn.functional as F


def show(t):
    # Round to 4 places; adding 0.0 turns -0.0 into 0.0.
    return [round(v, 4) + 0.0 for v in t.flatten().tolist()]


x = torch.tensor([2.0, 1.0])
target = torch.tensor([1.0])                 # the right answer is "yes"
W1 = torch.tensor([[-0.5, 0.25], [1.5, 0.5]], requires_grad=True)
b1 = torch.tensor([0.5, -1.0], requires_grad=True)
W2 = torch.tensor([[0.8, -0.4]], requires_grad=True)
b2 = torch.tensor([0.6], requires_grad=True)

# Forward pass, keeping every intermediate value.
z1 = W1 @ x + b1
a1 = torch.relu(z1)
z2 = W2 @ a1 + b2
p = torch.sigmoid(z2)
loss = F.binary_cross_entropy(p, target)
print(f"prediction {p.item():.4f}  loss {loss.item():.4f}")

# Backward pass by hand, from the loss towards the input.
with torch.no_grad():
    dz2 = p - target                    # sigmoid + binary cross-entropy
    dW2 = dz2.outer(a1)                 # each weight: error times its input
    db2 = dz2
    da1 = W2.T @ dz2                    # send the error back through W2
    dz1 = da1 * (z1 > 0)                # ReLU passes it only where z1 > 0
    dW1 = dz1.outer(x)
    db1 = dz1
print("error at the output  dL/dz2", show(dz2))
print("sent back to layer 1 dL/da1", show(da1), " after ReLU dL/dz1", show(dz1))
print("by hand:  dW2", show(dW2), " dW1", show(dW1))

# Autograd computes the same numbers.
loss.backward()
print("autograd: dW2", show(W2.grad), " dW1", show(W1.grad))
pairs = [(dW2, W2.grad), (db2, b2.grad), (dW1, W1.grad), (db1, b1.grad)]
print("match:", all(torch.allclose(mine, auto) for mine, auto in pairs))
