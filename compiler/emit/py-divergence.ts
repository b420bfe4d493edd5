/**
 * The exported program stops a diverging run as `dlc train` does (runtime/divergence.ts):
 * a batch loss that is NaN or infinite (DL0830), or an epoch's mean training loss past
 * EXPLOSION_FACTOR times the run's starting loss, the first batch's (DL0831). The codes,
 * the message templates and the advice come from the same catalogue and functions, so the
 * program's error reads as dlc's: `error DL0831: training diverged: ... Try ...`, on stderr,
 * exit status 3, no weights saved.
 *
 * A program started with --load measures from its own first batch (dlc's resumed run
 * keeps the first run's starting loss in its snapshot). A data-parallel run (--nproc,
 * torchrun) checks each step's loss over the global batch, all-reduced once an epoch, so
 * that every process stops at the same point; rank 0 says why (py-distributed.ts).
 */
import type { TrainGraph } from '../graph/types.ts';
import { R_TRAIN } from '../diagnostics/messages.ts';
import { divergenceAdvice, EXPLOSION_FACTOR } from '../runtime/divergence.ts';
import { pyString } from './py-literal.ts';

export function pyDivergence(t: TrainGraph): string {
  return `# Divergence, as dlc train stops it: a batch loss that is NaN or infinite, or an epoch's
# mean training loss past EXPLOSION times the loss of the run's first batch.
EXPLOSION = ${EXPLOSION_FACTOR}
NOT_FINITE = (${pyString(R_TRAIN.lossNotFinite.code)}, ${pyString(R_TRAIN.lossNotFinite.template)})
EXPLODED = (${pyString(R_TRAIN.lossExploded.code)}, ${pyString(R_TRAIN.lossExploded.template)})
ADVICE = ${pyString(divergenceAdvice(t))}


def divergence_error(kind, **values):
    """The line dlc train prints for a diverged run: the code, what happened, what to try."""
    code, template = kind
    text = template.format(optimizer=${pyString(t.optimizer.name)}, lr=${pyString(String(t.optimizer.lr))}, **values)
    return f"{os.path.basename(sys.argv[0])}: error {code}: {text}. {ADVICE}"


def diverged(kind, **values):
    """Stops the run as dlc train does: the error on stderr, exit status 3, nothing saved."""
    print(divergence_error(kind, **values), file=sys.stderr)
    sys.exit(3)


def js_number(v):
    """A loss as dlc's message writes it (JavaScript's spelling of the values that are not finite)."""
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(v)


def precision3(v):
    """v to 3 significant digits as JavaScript's toPrecision(3) writes it: 1.10, 1.23e+13."""
    mantissa, _, exponent = f"{v:#.3g}".partition("e")
    return mantissa.rstrip(".") + (f"e{int(exponent):+d}" if exponent else "")`;
}
