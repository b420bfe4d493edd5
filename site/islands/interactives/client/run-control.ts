/**
 * The Run button of an interactive that computes in the lab worker: while a job runs the
 * button reads Stop and stops it; the status line (a polite live region) says what is
 * happening and how it ended.
 */
import type { JobHandle } from '../worker/lab-client.ts';

export class RunControl {
  private readonly button: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly label: string;
  private handle: JobHandle<unknown> | null = null;

  constructor(button: HTMLButtonElement, status: HTMLElement) {
    this.button = button;
    this.status = status;
    this.label = button.textContent ?? 'Run';
  }

  get running(): boolean {
    return this.handle !== null;
  }

  say(text: string, state: 'idle' | 'running' | 'done' | 'failed' = 'idle'): void {
    this.status.textContent = text;
    this.status.dataset.state = state;
  }

  /**
   * Starts a job unless one is running, in which case it stops that one. Resolves with the
   * result, or null when the job was stopped or failed (the status line says which).
   */
  async toggle<R>(start: () => JobHandle<R>, runningText: string): Promise<R | null> {
    if (this.handle) {
      this.handle.stop();
      this.say('Stopping…', 'running');
      return null;
    }
    const handle = start();
    this.handle = handle;
    this.button.textContent = 'Stop';
    this.say(runningText, 'running');
    try {
      return await handle.result;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.say(message === 'stopped' ? 'Stopped.' : `Something went wrong: ${message}`, message === 'stopped' ? 'idle' : 'failed');
      return null;
    } finally {
      this.handle = null;
      this.button.textContent = this.label;
    }
  }
}
