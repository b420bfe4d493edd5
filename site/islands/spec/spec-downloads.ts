/**
 * What a live spec hands the reader to take away: the PyTorch program of the spec as edited
 * (pytorch-panel.ts), the spec as a `.dl` file, and the trained weights as `.safetensors`
 * once a run has produced them.
 */
import { encodeSafetensors, toPyTorch, weightsMetadata } from 'dlc/emit';
import { chooseNet, LookupError } from 'dlc';
import { compileSpec, type Compiled } from '../editor/compile-spec.ts';
import { PyTorchPanel } from './pytorch-panel.ts';
import { downloadBytes } from './download.ts';
import { islandFileName } from './island-source.ts';
import { button, el } from './dom.ts';
import type { TrainedWeights } from './spec-training.ts';

export interface DownloadsSetup {
  island: HTMLElement;
  /** The editor's text now. */
  text: () => string;
  /** The spec as last compiled (it may trail the text by a pause in typing). */
  compiled: () => Compiled;
  /** The train block the reader chose ('' when none). */
  net: () => string;
}

export class SpecDownloads {
  /** The PyTorch panel, then the download buttons. */
  readonly elements: HTMLElement[];
  private readonly setup: DownloadsSetup;
  private readonly pytorch: PyTorchPanel;
  private weights: TrainedWeights | null = null;
  private readonly weightsBtn = button('Download weights (.safetensors)', 'download-weights');
  private readonly specBtn = button('Download spec (.dl)', 'download-spec');

  constructor(setup: DownloadsSetup) {
    this.setup = setup;
    this.pytorch = new PyTorchPanel(() => this.pytorchSource());
    this.weightsBtn.disabled = true;
    const bar = el('div', { class: 'dl-live-bar', role: 'group', 'aria-label': 'Downloads' });
    bar.append(this.specBtn, this.weightsBtn);
    this.elements = [this.pytorch.element, bar];
    this.specBtn.addEventListener('click', () => this.downloadSpec());
    this.weightsBtn.addEventListener('click', () => this.downloadWeights());
  }

  /** After each compile: an open PyTorch panel shows the new program. */
  refresh(): void {
    this.pytorch.refresh();
  }

  /** Weights to offer, or null to offer none. */
  setWeights(weights: TrainedWeights | null): void {
    this.weights = weights;
    this.weightsBtn.disabled = weights === null;
  }

  private pytorchSource(): { text: string } | { problem: string } {
    const text = this.setup.text();
    const last = this.setup.compiled();
    const c = last.source === text ? last : compileSpec(text);
    if (!c.graph) return { problem: 'Fix the errors in the spec to see its PyTorch program.' };
    try {
      const net = chooseNet(c.graph, this.setup.net() || undefined).net.name;
      return { text: toPyTorch(c.graph, { net, mode: 'program', source: this.fileName() }) };
    } catch (e) {
      if (e instanceof LookupError && e.code === 'DL0843') return { problem: 'The spec declares no net.' };
      return { problem: `No PyTorch program for this spec: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /** The spec's file name for downloads and the program's docstring: the lesson's, or the net's. */
  private fileName(): string {
    const net = this.setup.net() || this.setup.compiled().graph?.nets[0]?.name;
    return islandFileName(this.setup.island, net ? net.toLowerCase() : 'spec');
  }

  private downloadSpec(): void {
    downloadBytes(new TextEncoder().encode(this.setup.text()), this.fileName(), 'text/plain');
  }

  private downloadWeights(): void {
    if (!this.weights) return;
    const { state, info } = this.weights;
    const bytes = encodeSafetensors(state, weightsMetadata(info));
    downloadBytes(bytes, `${(info.net ?? 'net').toLowerCase()}.safetensors`, 'application/octet-stream');
  }
}
