/**
 * The PyTorch program for the spec as edited, in a closed <details>: it is generated only
 * when the reader opens it, and again after each edit while it is open.
 */
import { button, el } from './dom.ts';

export type PyTorchSource = () => { text: string } | { problem: string };

export class PyTorchPanel {
  readonly element: HTMLDetailsElement;
  private readonly code = el('code', { class: 'language-python' });
  private readonly note = el('span', { class: 'dl-live-note', role: 'status' });
  private readonly copyBtn = button('Copy', 'copy');
  private readonly source: PyTorchSource;
  private text = '';

  constructor(source: PyTorchSource) {
    this.source = source;
    this.element = el('details', { class: 'dl-pytorch' });
    const summary = el('summary', {}, 'PyTorch program for this spec');
    const bar = el('div', { class: 'dl-live-bar' });
    bar.append(this.copyBtn, this.note);
    const pre = el('pre', { tabindex: '0' });
    pre.append(this.code);
    this.element.append(summary, bar, pre);
    this.element.addEventListener('toggle', () => this.refresh());
    this.copyBtn.addEventListener('click', () => void this.copy());
  }

  refresh(): void {
    if (!this.element.open) return;
    const out = this.source();
    if ('problem' in out) {
      this.text = '';
      this.code.textContent = out.problem;
      this.copyBtn.disabled = true;
    } else {
      this.text = out.text;
      this.code.textContent = out.text;
      this.copyBtn.disabled = false;
    }
  }

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text);
      this.note.textContent = 'Copied.';
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): select the code instead.
      const range = document.createRange();
      range.selectNodeContents(this.code);
      const sel = getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      this.note.textContent = 'Copying was refused; the code is selected, press Ctrl+C (⌘C) to copy it.';
    }
  }
}
