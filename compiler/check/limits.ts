/** The stated limits: beyond them a spec gets a diagnostic, never a crash or a hang. */
export const LIMITS = {
  /** Bytes of source text. */
  fileBytes: 1024 * 1024,
  /** Any one dimension of any shape: features, channels, height, width, steps, hidden size. */
  width: 1_000_000,
  /** Trainable parameters of one net. */
  params: 50_000_000,
  /** Examples a built-in dataset may generate. */
  examples: 1_000_000,
  /** Epochs of one training run. */
  epochs: 1_000_000,
  /** The largest integer the language reads at all (2^53 - 1: exact in a double). */
  integer: Number.MAX_SAFE_INTEGER,
} as const;
