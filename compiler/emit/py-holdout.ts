/**
 * The exported program's held-out sets and early stopping, as dlc draws and decides them
 * (docs/language.md, "Held-out sets"; compiler/runtime/data.ts `holdOut`,
 * compiler/runtime/early-stop.ts): the test split first, then `ceil(VALIDATE * N)`
 * validation rows from what it leaves, both with sklearn's train_test_split and the spec's
 * seed; then `EarlyStopping`, which keeps the weights of the lowest validation loss.
 */

export const PY_SPLIT = `def split_data(x, y, seed):
    """The test set first, then the validation set from the rows it leaves (a fraction of all
    rows, rounded up), both drawn as dlc draws them: sklearn's train_test_split, the seed as
    random_state. Returns (x_train, y_train), (x_val, y_val) or None, (x_test, y_test) or None."""
    from sklearn.model_selection import train_test_split
    test = validation = None
    x_train, y_train = x, y
    if SPLIT > 0:
        x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=SPLIT, random_state=seed)
        test = (x_test, y_test)
    if VALIDATE > 0:
        x_train, x_val, y_train, y_val = train_test_split(x_train, y_train, test_size=math.ceil(VALIDATE * len(x)), random_state=seed)
        validation = (x_val, y_val)
    return (x_train, y_train), validation, test`;

export const PY_EARLY_STOPPING = `class EarlyStopping:
    """stop_after: an epoch improves when its validation loss is strictly lower than every
    earlier one; PATIENCE epochs in a row without improvement stop training. The best epoch's
    weights and metrics are kept, to be restored however training ends (as dlc does).

    Data-parallel training: every process must stop at the same epoch, so update() must get
    the same loss on every rank: the whole validation set's loss, all-reduced (summed loss
    and row count) or computed on every rank from the same rows and weights."""

    def __init__(self, patience):
        self.patience = patience
        self.best = math.inf
        self.best_epoch = 0
        self.state = None
        self.metrics = None

    def update(self, epoch, loss, model, metrics):
        """After an epoch: True when training should stop."""
        if loss < self.best:
            self.best, self.best_epoch, self.metrics = loss, epoch, metrics
            self.state = copy.deepcopy(model.state_dict())
        return epoch - self.best_epoch >= self.patience`;

/** The header's sizes, as compiler/cli/commands/train-sizes.ts words them. */
export const PY_SIZES = `def sizes(*counts):
    """\`90 training, 30 validation and 30 test examples\`, leaving out empty sets."""
    parts = [f"{n} {name}" for n, name in zip(counts, ("training", "validation", "test")) if n or name == "training"]
    return (parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]) + " examples"`;
