# The Iris classifier with a validation set, mini-batches from a DataLoader,
# and early stopping that keeps the best epoch's weights.
import copy

import torch
import torch.nn as nn
from sklearn.datasets import load_iris
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(42)

# 1. Three sets: 30 flowers to test, then 30 of the rest to validate, 90 to train.
X, y = load_iris(return_X_y=True)
X_rest, X_test, y_rest, y_test = train_test_split(
    X, y, test_size=0.2, random_state=42)
X_train, X_val, y_train, y_val = train_test_split(
    X_rest, y_rest, test_size=30, random_state=42)
print(f"train {len(X_train)}, validation {len(X_val)}, test {len(X_test)}")

scaler = StandardScaler().fit(X_train)  # training rows only


def tensors(X, y):
    return (torch.tensor(scaler.transform(X), dtype=torch.float32),
            torch.tensor(y, dtype=torch.long))


train_set = TensorDataset(*tensors(X_train, y_train))
X_val, y_val = tensors(X_val, y_val)
X_test, y_test = tensors(X_test, y_test)

# 2. A DataLoader deals the training set out in shuffled batches of 16.
loader = DataLoader(train_set, batch_size=16, shuffle=True)

model = nn.Sequential(
    nn.Linear(4, 32), nn.ReLU(),
    nn.Linear(32, 16), nn.ReLU(),
    nn.Linear(16, 3),
)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)


def evaluate(X, y):
    model.eval()
    with torch.no_grad():
        logits = model(X)
    return loss_fn(logits, y).item(), (logits.argmax(1) == y).sum().item()


# 3. Train in mini-batches; after each epoch, check the validation loss and
#    stop when it has not improved for 5 epochs.
best_loss, best_epoch, best_weights, patience = float("inf"), 0, None, 5
for epoch in range(1, 61):
    model.train()
    for xb, yb in loader:            # 6 batches: 5 of 16 and one of 10
        loss = loss_fn(model(xb), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    val_loss, val_correct = evaluate(X_val, y_val)
    print(f"epoch {epoch:2d}  validation loss {val_loss:.3f}  correct {val_correct}/30")
    if val_loss < best_loss:
        best_loss, best_epoch = val_loss, epoch
        best_weights = copy.deepcopy(model.state_dict())
    elif epoch - best_epoch >= patience:
        print(f"no improvement for {patience} epochs: stop, keep epoch {best_epoch}")
        break

# 4. The test set is used once, at the very end, with the kept weights.
model.load_state_dict(best_weights)
test_loss, test_correct = evaluate(X_test, y_test)
print(f"test accuracy: {test_correct}/30 = {test_correct / 30:.1%}")
