/**
 * What the learner sees when the training worker fails mid-run: the lost GPU context (the
 * run continues on WebAssembly), a worker that stopped (press Train again), and a worker
 * that has gone quiet for longer than its work explains (wait, or stop it).
 */
import { button, el } from './dom.ts';

export const GPU_LOST = 'The GPU context was lost; training continues on WebAssembly';
export const WORKER_STOPPED = 'The training worker stopped; press Train to start again.';

/** WORKER_STOPPED with what the browser said, if it said anything. */
export function workerStopped(why?: string): string {
  return why ? `The training worker stopped (${why.replace(/[.\s]+$/, '')}); press Train to start again.` : WORKER_STOPPED;
}

/** How long Stop waits for the worker to end its run before closing it. */
export function stopGraceMs(silenceAllowedMs: number): number {
  return Math.max(3000, silenceAllowedMs / 10);
}

/** The learner's choice when the worker is silent: keep waiting, or stop it. */
export class SilencePrompt {
  readonly element = el('div', { class: 'dl-silence', role: 'alert' });
  private readonly text = el('p', {});
  private readonly waitBtn = button('Keep waiting', 'keep-waiting');
  private readonly stopBtn = button('Stop training', 'stop-worker');

  constructor(onWait: () => void, onStop: () => void) {
    this.element.hidden = true;
    const actions = el('div', { class: 'dl-live-bar' });
    actions.append(this.waitBtn, this.stopBtn);
    this.element.append(this.text, actions);
    this.waitBtn.addEventListener('click', () => {
      this.hide();
      onWait();
    });
    this.stopBtn.addEventListener('click', () => {
      this.hide();
      onStop();
    });
  }

  show(silentMs: number): void {
    const seconds = Math.round(silentMs / 1000);
    this.text.textContent =
      `The training worker has not answered for ${seconds} seconds. A long step can take that long, ` +
      'or the worker may have stopped. Keep waiting, or stop it (the history and the weights after the last saved epoch are kept).';
    this.element.hidden = false;
  }

  hide(): void {
    this.element.hidden = true;
  }

  get shown(): boolean {
    return !this.element.hidden;
  }
}
