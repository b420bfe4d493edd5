/**
 * Notices a training worker that has gone quiet. The worker posts a heartbeat whenever its
 * event loop is free; a long step (a big wasm or plain-JavaScript kernel runs to the end
 * before the loop turns) legitimately silences it, so the allowed silence scales with the
 * estimated cost of the longest uninterrupted piece of work: a training step on a batch, or
 * the evaluation of the test set at the end of an epoch. Past it, the page asks the learner
 * whether to wait or stop; it cannot tell a slow worker from a hung or closed one.
 */
import type { BackendChoice } from 'dlc/runtime';
import type { NetGraph, TrainGraph } from 'dlc';

/** Before the worker's first message: its script, TensorFlow.js and the data all load first. */
export const FIRST_MESSAGE_MS = 60_000;
/** The least silence allowed once the worker runs: covers GC pauses and WebGL shader compiles. */
export const MIN_SILENCE_MS = 10_000;
/** How many times the estimated blocking work may pass without a word. */
const SLACK = 20;
/** Rows assumed when the data set's size is unknown to the page (full batches, test sets). */
const ROWS_GUESS = 2000;
/** Floating-point operations per second a slow machine manages, per backend (conservative). */
const FLOPS_PER_SECOND: Record<BackendChoice, number> = { cpu: 1e8, wasm: 5e8, webgl: 5e8, auto: 1e8 };

/**
 * How long the worker may stay silent (ms) while training `net` as `train` says.
 *
 * @example
 * silenceAllowedMs(irisNet, irisTrain, 'wasm') // 10000: Iris's steps take microseconds
 */
export function silenceAllowedMs(net: NetGraph, train: TrainGraph, backend: BackendChoice): number {
  const flopsPerRow = net.nodes.reduce((sum, n) => sum + n.flops, 0);
  const batchRows = train.batch === 'full' ? ROWS_GUESS : train.batch;
  // A step is a forward and a backward pass (about three forwards); evaluation is a forward.
  const blockingFlops = flopsPerRow * Math.max(3 * batchRows, ROWS_GUESS);
  return Math.max(MIN_SILENCE_MS, Math.ceil((SLACK * 1000 * blockingFlops) / FLOPS_PER_SECOND[backend]));
}

/** Calls `onSilent` when `beat()` has not been called for the allowed time; `extend` waits as long again. */
export class Watchdog {
  private timer = 0;
  private allowedMs = FIRST_MESSAGE_MS;
  private heard = false;
  private active = false;

  private readonly onSilent: (silentMs: number) => void;

  constructor(onSilent: (silentMs: number) => void) {
    this.onSilent = onSilent;
  }

  /** Starts watching a run; the first message may take FIRST_MESSAGE_MS, later ones `allowedMs`. */
  start(allowedMs: number): void {
    this.allowedMs = allowedMs;
    this.heard = false;
    this.active = true;
    this.arm(FIRST_MESSAGE_MS);
  }

  beat(): void {
    if (!this.active) return;
    this.heard = true;
    this.arm(this.allowedMs);
  }

  /** The learner chose to wait: as long again before asking again. */
  extend(): void {
    if (this.active) this.arm(this.heard ? this.allowedMs : FIRST_MESSAGE_MS);
  }

  stop(): void {
    this.active = false;
    clearTimeout(this.timer);
    this.timer = 0;
  }

  private arm(ms: number): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      this.onSilent(ms);
    }, ms);
  }
}
