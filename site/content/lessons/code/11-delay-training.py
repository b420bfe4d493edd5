# Train a plain RNN and an LSTM on the delay task (the label is the first of
# 20 random bits) with the settings of specs/delay.dl (Adam at lr 0.01,
# batches of 32, 30 epochs), over eight seeds each, and count the runs that
# have learned the task (test accuracy of 90% or more) after 10, 20 and 30
# epochs. One run can land either way on a different CPU; a count over
# eight seeds moves by a run or two at most.
import torch
import torch.nn as nn

STEPS, SEEDS, CHECKS = 20, 8, [10, 20, 30]


class Recurrent(nn.Module):
    def __init__(self, kind):
        super().__init__()
        cell = nn.RNN if kind == "RNN" else nn.LSTM
        self.recurrent = cell(1, 16, batch_first=True)
        self.head = nn.Linear(16, 2)

    def forward(self, x):
        outputs, _ = self.recurrent(x)
        return self.head(outputs[:, -1])          # the last step's output


def run(kind, seed):
    """Test accuracy after each checked epoch, for one seed."""
    torch.manual_seed(seed)
    x = torch.randint(0, 2, (1000, STEPS, 1)).float()
    y = x[:, 0, 0].long()
    x_train, y_train, x_test, y_test = x[:800], y[:800], x[800:], y[800:]
    model = Recurrent(kind)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    accuracies = []
    for epoch in range(1, CHECKS[-1] + 1):
        order = torch.randperm(800)
        for start in range(0, 800, 32):
            idx = order[start:start + 32]
            loss = nn.functional.cross_entropy(model(x_train[idx]), y_train[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        if epoch in CHECKS:
            with torch.no_grad():
                guesses = model(x_test).argmax(dim=1)
            accuracies.append((guesses == y_test).float().mean().item())
    return accuracies


for kind in ["RNN", "LSTM"]:
    weights = sum(p.numel() for p in Recurrent(kind).recurrent.parameters())
    print(f"{kind:4s} recurrent weights and biases: {weights}")

print(f"runs (of {SEEDS}) that learned the task, after",
      ", ".join(str(e) for e in CHECKS), "epochs")
for kind in ["RNN", "LSTM"]:
    runs = [run(kind, seed) for seed in range(SEEDS)]
    learned = [sum(r[i] >= 0.9 for r in runs) for i in range(len(CHECKS))]
    print(f"{kind:4s}", "  ".join(f"{n} of {SEEDS}" for n in learned))
