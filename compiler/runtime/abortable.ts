/**
 * Waiting on a read-back that may never come. A lost WebGL context leaves `tensor.data()`
 * pending for good; racing it with the abort signal lets whoever holds the signal (the
 * browser's training worker, on a context loss or Stop) end the run rather than hang.
 */

/** The promise's value, or null as soon as `signal` is aborted. */
export function unlessAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.resolve(null);
  return new Promise<T | null>((resolve, reject) => {
    const onAbort = () => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
