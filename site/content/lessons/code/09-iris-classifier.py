# The Iris classifier: 4 measurements in, 3 species out.
import torch
import torch.nn as nn
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

torch.manual_seed(0)  # the starting weights depend on this seed

# 1. Data: 150 flowers, 4 measurements each, 3 species. Hold out 20% to test.
X, y = load_iris(return_X_y=True)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, random_state=42
)

# Standardise with the training set's mean and spread only, so the test set
# stays unseen.
scaler = StandardScaler().fit(X_train)
X_train = torch.tensor(scaler.transform(X_train), dtype=torch.float32)
X_test = torch.tensor(scaler.transform(X_test), dtype=torch.float32)
y_train = torch.tensor(y_train, dtype=torch.long)
y_test = torch.tensor(y_test, dtype=torch.long)


# 2. The network: 4 -> 32 -> ReLU -> 16 -> ReLU -> 3.
class IrisNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(4, 32), nn.ReLU(),
            nn.Linear(32, 16), nn.ReLU(),
            nn.Linear(16, 3),
        )

    def forward(self, x):
        return self.layers(x)  # raw scores (logits), one per species


model = IrisNet()
print("parameters:", sum(p.numel() for p in model.parameters()))

# 3. Loss and optimiser.
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.001)

# 4. Training: 100 epochs, the whole training set in every step.
model.train()
for epoch in range(1, 101):
    logits = model(X_train)          # forward pass
    loss = loss_fn(logits, y_train)  # compute the loss
    optimizer.zero_grad()            # clear the previous step's gradients
    loss.backward()                  # backpropagation
    optimizer.step()                 # one gradient descent step
    if epoch % 20 == 0:
        print(f"epoch {epoch:3d}  loss {loss.item():.4f}")

# 5. Evaluation: evaluation mode, no gradient tracking, the highest score wins.
model.eval()
with torch.no_grad():
    predictions = model(X_test).argmax(dim=1)
correct = (predictions == y_test).sum().item()
print(f"test accuracy: {correct}/{len(y_test)} = {correct / len(y_test):.1%}")
