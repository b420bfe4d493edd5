/**
 * The exported program beyond one CPU process: `--device auto|cpu|cuda|mps`, and
 * data-parallel training with PyTorch's own DistributedDataParallel (DDP), started by
 * `--nproc N` (torch.multiprocessing) or by any launcher that sets RANK, WORLD_SIZE,
 * LOCAL_RANK, MASTER_ADDR and MASTER_PORT (torchrun). py-program.ts calls these functions
 * from its main(); docs/beyond-the-browser.md tells a learner what they change.
 *
 * The numbers: the spec's batch is the global batch. Every process takes an equal share of
 * each step's examples, and its loss is weighted by its share's size, so that DDP's average
 * of the processes' gradients is the mean over the whole global batch, as one process
 * computes it. The CUDA lines are the ones PyTorch's DDP tutorial gives; Debian's PyTorch
 * has no CUDA, so only their error messages are tested here.
 */

/** `correct(out, y)`: the Python expression of the examples a batch gets right; null for a regression. */
export type PyCorrect = ((out: string, y: string) => string) | null;

/**
 * Python source of the scale-out helpers. It uses the program's globals BATCH and EPOCHS,
 * the divergence helpers of py-divergence.ts (NOT_FINITE, divergence_error, js_number) and
 * its imports (os, sys, math, torch, nn, DataLoader, TensorDataset, DistributedSampler).
 *
 * @example
 *   pyDistributed((out, y) => `${out}.argmax(1) == ${y}`)   // "def add_scale_arguments(parser): ..."
 */
export function pyDistributed(correct: PyCorrect): string {
  const count = (out: string, y: string) => (correct ? `(${correct(out, y)}).sum().item()` : '0');
  return `def add_scale_arguments(parser):
    """--device, --nproc and --sync-bn (docs/beyond-the-browser.md in dlc)."""
    parser.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default="auto",
                        help="where to run (default auto: cuda, else mps, else cpu)")
    parser.add_argument("--nproc", type=int, default=1, metavar="N",
                        help="train in N processes with DistributedDataParallel, one GPU each on cuda "
                             "(torchrun and other launchers set RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR, MASTER_PORT instead)")
    parser.add_argument("--sync-bn", action="store_true",
                        help="with several processes, batch norm over the global batch (SyncBatchNorm, cuda only) "
                             "instead of each process's share")


def fail(message):
    """A usage problem: one line on stderr (from rank 0 only), exit status 2, no traceback."""
    if os.environ.get("RANK", "0") == "0":
        print(f"{os.path.basename(sys.argv[0])}: error: {message}", file=sys.stderr)
    sys.exit(2)


def pick_device(name, distributed):
    """The device type to run on: auto takes cuda, then mps, then cpu; a missing one is an error."""
    cuda = torch.cuda.is_available()
    mps = getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available()
    if name == "auto":
        # DDP has no mps backend, so several processes on a Mac train on its cpu.
        name = "cuda" if cuda else "mps" if mps and not distributed else "cpu"
    if name == "cuda" and not cuda:
        fail("--device cuda: this PyTorch sees no CUDA device (torch.cuda.is_available() is False); use --device cpu")
    if name == "mps" and not mps:
        fail("--device mps: this PyTorch sees no Apple MPS device (torch.backends.mps.is_available() is False); use --device cpu")
    if name == "mps" and distributed:
        fail("--device mps trains in one process: DistributedDataParallel has no mps backend; leave out --nproc or use --device cpu")
    return name


def check_batch(processes):
    """The spec's batch is the global batch: each process takes batch / processes examples of it."""
    if BATCH and BATCH % processes:
        lower, upper = BATCH - BATCH % processes, BATCH - BATCH % processes + processes
        near = f"{lower} or {upper}" if lower else str(upper)
        fail(f"batch {BATCH} does not divide among {processes} processes: each process takes an equal share "
             f"of the global batch; use a batch that {processes} divides (such as {near}) or another number of processes")


def check_sync_bn(args, device):
    if args.sync_bn and device != "cuda":
        fail(f"--sync-bn on {device}: PyTorch's SyncBatchNorm runs on CUDA devices only; leave it out to normalize each process's share")


def launch(args):
    """--nproc N > 1: starts N processes on this machine, each main() as one rank of a process
    group, and returns True once they are done. Predicting or loading without training runs
    in this one process: there is nothing to share."""
    if args.nproc < 1:
        fail(f"--nproc {args.nproc}: give a number of processes, 1 or more")
    epochs = args.epochs if args.epochs is not None else 0 if args.load else EPOCHS
    if args.nproc == 1 or "RANK" in os.environ or epochs <= 0:
        return False
    device = pick_device(args.device, True)
    check_batch(args.nproc)
    check_sync_bn(args, device)
    if device == "cuda" and torch.cuda.device_count() < args.nproc:
        fail(f"--nproc {args.nproc} on cuda takes one GPU per process, but this machine has {torch.cuda.device_count()}")
    import socket
    import torch.multiprocessing as mp
    with socket.socket() as s:  # a free port on loopback for the group's rendezvous
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    try:
        mp.spawn(run_rank, args=(args.nproc, port), nprocs=args.nproc)
    except mp.ProcessExitedException as e:
        sys.exit(e.exit_code)  # the process has said why on stderr
    return True


def run_rank(rank, processes, port):
    """One process of --nproc: the environment torchrun would give it, then main()."""
    os.environ.update(RANK=str(rank), LOCAL_RANK=str(rank), WORLD_SIZE=str(processes),
                      MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port))
    # N processes sharing the cores would otherwise each start a thread per core.
    torch.set_num_threads(1)
    main()


def join_process_group(args):
    """(rank, device): under a launcher, this process's rank once it has joined the group
    (gloo on cpu, nccl on cuda with one GPU per process); alone, (None, device)."""
    if "RANK" not in os.environ:
        return None, torch.device(pick_device(args.device, False))
    missing = [k for k in ("WORLD_SIZE", "LOCAL_RANK", "MASTER_ADDR", "MASTER_PORT") if k not in os.environ]
    if missing:
        fail(f"RANK is set but {', '.join(missing)} not: a launcher such as torchrun sets RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR and MASTER_PORT")
    import torch.distributed as dist
    rank, processes, local = (int(os.environ[k]) for k in ("RANK", "WORLD_SIZE", "LOCAL_RANK"))
    name = pick_device(args.device, True)
    check_batch(processes)
    check_sync_bn(args, name)
    device = torch.device(name)
    if name == "cuda":
        if local >= torch.cuda.device_count():
            fail(f"LOCAL_RANK {local} needs GPU {local}, but this machine has {torch.cuda.device_count()}")
        device = torch.device("cuda", local)
        torch.cuda.set_device(device)
    dist.init_process_group("nccl" if name == "cuda" else "gloo")
    # The weights are built by now, the same in every process (DDP broadcasts rank 0's too);
    # from here each process draws its own dropout masks, not copies of rank 0's.
    torch.manual_seed(args.seed + rank)
    if rank > 0:
        sys.stdout = open(os.devnull, "w")  # only rank 0 prints
    return rank, device


class Shards(DistributedSampler):
    """PyTorch's DistributedSampler without its padding. Each epoch it shuffles the indices
    with a generator seeded by seed + epoch (set_epoch), the same permutation in every
    process, and process r takes every processes-th index from r on. The parent repeats the
    first indices to give every process as many; here the repeats are dropped, so an epoch
    trains on every example exactly once, and shares differ by one example at most."""

    def __iter__(self):
        return iter(list(super().__iter__())[:len(self)])

    def __len__(self):
        return len(range(self.rank, len(self.dataset), self.num_replicas))


class DataParallelTraining:
    """Training over every process of the group with DistributedDataParallel.

    At step k the global batch is positions k*batch .. (k+1)*batch of the epoch's permutation
    (the processes' shares interleave), as one process would take them in that order.
    Each process's loss is weighted by share * processes / global batch: DDP averages the
    processes' gradients, so the step's gradient is then the mean over the global batch."""

    def __init__(self, model, device, loss_fn, optimizer, train, test, seed, sync_bn):
        import torch.distributed as dist
        from torch.nn.parallel import DistributedDataParallel
        self.dist, self.device = dist, device
        self.processes, self.rank = dist.get_world_size(), dist.get_rank()
        self.model = nn.SyncBatchNorm.convert_sync_batchnorm(model) if sync_bn else model
        self.net = DistributedDataParallel(self.model, device_ids=[device.index] if device.type == "cuda" else None)
        self.loss_fn, self.optimizer, self.test = loss_fn, optimizer, test
        self.examples = len(train[0])
        self.batch = BATCH or self.examples
        self.steps = math.ceil(self.examples / self.batch)
        data = TensorDataset(*train)
        self.sampler = Shards(data, num_replicas=self.processes, rank=self.rank, shuffle=True, seed=seed)
        share = self.batch // self.processes if BATCH else max(1, len(self.sampler))
        self.loader = DataLoader(data, batch_size=share, sampler=self.sampler)
        self.empty = (train[0][:0], train[1][:0])
        self.start_loss = None  # the first global batch's loss, against which an explosion is measured

    def epoch(self, epoch):
        """Trains one epoch. Returns the loss and accuracy over the epoch's batches as they
        were trained, and the test set's after it, each over the examples of every process."""
        self.net.train()
        self.sampler.set_epoch(epoch)
        batches = iter(self.loader)
        total = correct = count = 0
        losses = [[0.0, 0] for _ in range(self.steps)]  # per step: this process's loss sum, examples
        for step in range(self.steps):
            xb, yb = next(batches, self.empty)
            self.optimizer.zero_grad()
            out = self.net(xb)
            if len(xb):
                loss = self.loss_fn(out, yb)
                (loss * (len(xb) * self.processes / min(self.batch, self.examples - step * self.batch))).backward()
                losses[step] = [loss.item() * len(xb), len(xb)]
                total += losses[step][0]
                correct += ${count('out', 'yb')}
                count += len(xb)
            else:
                # A last global batch smaller than the group leaves some processes nothing;
                # they still take part in DDP's all-reduce of the gradients, with zeros.
                (out.sum() * 0).backward()
            self.optimizer.step()
        self.check_steps(epoch, losses)
        return self.metrics(total, correct, count), self.evaluate()

    def check_steps(self, epoch, losses):
        """Divergence as dlc train sees it, from each step's loss over the global batch: the
        same numbers in every process, so every process stops at the same point (one process
        stopping alone would leave the others waiting in DDP's next all-reduce). The steps'
        losses are all-reduced once an epoch: a collective every step made a 2-process Digits
        run about 8% slower (medians of 9: 2.85 s against 2.63 s; once an epoch, 2.55 s). A
        run that diverges mid-epoch so stops at the epoch's end, naming the batch where it
        happened, as dlc train does."""
        sums = torch.tensor(losses, dtype=torch.float64, device=self.device)
        self.dist.all_reduce(sums)
        for batch, (total, count) in enumerate(sums.tolist(), 1):
            value = total / count
            if not math.isfinite(value):
                self.diverged(NOT_FINITE, loss=js_number(value), epoch=epoch, batch=batch)
            if self.start_loss is None:
                self.start_loss = value

    def diverged(self, kind, **values):
        """Stops every process: rank 0 prints dlc's error line, and once it has, all exit
        with status 3, nothing saved."""
        if self.rank == 0:
            print(divergence_error(kind, **values), file=sys.stderr, flush=True)
        self.dist.barrier()
        sys.exit(3)

    def evaluate(self, data="test"):
        """A held-out set's loss and accuracy (the test set's by default), in evaluation mode,
        each process on its share, all-reduced: every process gets the same numbers, so an
        early-stopping decision taken from them is the same on every process."""
        data = self.test if data == "test" else data
        if data is None:
            return None
        # Batch norm statistics as rank 0 holds them: the model that rank 0 saves.
        for b in self.model.buffers():
            self.dist.broadcast(b, 0)
        x, y = (t[self.rank::self.processes] for t in data)
        total = correct = 0
        self.model.eval()
        with torch.no_grad():
            if len(x):
                out = self.model(x)
                total = self.loss_fn(out, y).item() * len(x)
                correct = ${count('out', 'y')}
        return self.metrics(total, correct, len(x))

    def metrics(self, total, correct, count):
        sums = torch.tensor([total, correct, count], dtype=torch.float64, device=self.device)
        self.dist.all_reduce(sums)
        total, correct, count = sums.tolist()
        return total / count, ${correct ? 'correct / count' : 'None'}`;
}
