# Train a plain RNN and an LSTM on the delay task (the label is the first of
# 20 random bits) with the settings of specs/delay.dl, three seeds each, and
# report the test accuracy every 10 epochs.
import torch
import torch.nn as nn

STEPS = 20


class Recurrent(nn.Module):
    def __init__(self, kind):
        super().__init__()
        cell = nn.RNN if kind == "RNN" else nn.LSTM
        self.recurrent = cell(1, 16, batch_first=True)
        self.head = nn.Linear(16, 2)

    def forward(self, x):
        outputs, _ = self.recurrent(x)
        return self.head(outputs[:, -1])          # the last step's output


for kind in ["RNN", "LSTM"]:
    weights = sum(p.numel() for p in Recurrent(kind).recurrent.parameters())
    print(f"{kind:4s} recurrent weights and biases: {weights}")

print("test accuracy after", " ".join(f"{e:>4d}" for e in range(10, 61, 10)),
      "epochs")
for kind in ["RNN", "LSTM"]:
    for seed in range(3):
        torch.manual_seed(seed)
        x = torch.randint(0, 2, (1000, STEPS, 1)).float()
        y = x[:, 0, 0].long()
        x_train, y_train, x_test, y_test = x[:800], y[:800], x[800:], y[800:]
        model = Recurrent(kind)
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
        accuracies = []
        for epoch in range(1, 61):
            order = torch.randperm(800)
            for start in range(0, 800, 32):
                idx = order[start:start + 32]
                loss = nn.functional.cross_entropy(model(x_train[idx]),
                                                   y_train[idx])
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            if epoch % 10 == 0:
                with torch.no_grad():
                    guesses = model(x_test).argmax(dim=1)
                accuracy = (guesses == y_test).float().mean().item()
                accuracies.append(f"{accuracy:>4.0%}")
        print(f"{kind:4s} seed {seed}        ", " ".join(accuracies))
