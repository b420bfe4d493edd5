/**
 * The training half of a live spec: the controls (backend, train block, data file, Train,
 * Stop), the run's progress and status, the training views, and what happens when the
 * worker faults (watchdog.ts for a silent worker, run-faults.ts for what the learner reads).
 * The worker itself is reached through spec-worker.ts. The mount mirrors the run in data
 * attributes (`data-run-state`, `data-runs-done`, `data-backend-used`, `data-num-tensors`,
 * `data-test-accuracy`, `data-fault`) for tests and styling.
 */
import type { BackendChoice, BackendName, StateDict, TrainSnapshot } from 'dlc/runtime';
import { findNet, noTrainBlockSentence, orNone, trainBlock, type TrainGraph, type TypedGraph } from 'dlc';
import type { Compiled } from '../editor/compile-spec.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';
import type { WeightsInfo } from 'dlc/emit';
import { silenceAllowedMs, Watchdog } from './watchdog.ts';
import { GPU_LOST, SilencePrompt, stopGraceMs, WORKER_STOPPED, workerStopped } from './run-faults.ts';
import { TrainingViews } from './training-views.ts';
import { SpecWorker } from './spec-worker.ts';
import { button, el } from './dom.ts';
import { SPEC_TRAINED, type SpecTrainedDetail } from './events.ts';
import { backendName, epochText, fmt, plural, summaryText } from './run-text.ts';

const BACKENDS: Array<[BackendChoice, string]> = [
  ['auto', 'Auto'],
  ['webgl', 'WebGL (GPU)'],
  ['wasm', 'WASM (CPU)'],
  ['cpu', 'Plain JavaScript (CPU)'],
];

/** Trained weights, as the downloads offer them. */
export interface TrainedWeights {
  state: StateDict;
  info: WeightsInfo;
}

export interface TrainingSetup {
  island: HTMLElement;
  mount: HTMLElement;
  id: string;
  /** The spec as it is now, compiled (the editor's `current()`). */
  current: () => Compiled;
  /** The run's weights changed: new ones to offer, or null while none are. */
  onWeights: (weights: TrainedWeights | null) => void;
}

export class SpecTraining {
  /** The controls, progress and status, in page order; the views follow in `views.element`. */
  readonly elements: HTMLElement[];
  readonly views = new TrainingViews();
  private readonly setup: TrainingSetup;
  private compiled: Compiled;
  private readonly worker = new SpecWorker({
    message: (msg) => this.onMessage(msg),
    error: (message) => this.workerFailed(message),
  });
  /** Why auto chose the backend of the current run (null when the reader chose it). */
  private backendReason: string | null = null;
  private run = 0;
  private runsDone = 0;
  private running = false;
  /** The text of the run in progress, for the `dl-spec-trained` event. */
  private trainedSource = '';
  /** The run in progress as asked of the worker, to resume it elsewhere after a fault. */
  private request: Extract<ToWorker, { type: 'train' }> | null = null;
  /** The run's last snapshot: resumed from after a lost GPU context, kept after any fault. */
  private snapshot: { snapshot: TrainSnapshot; info: WeightsInfo } | null = null;
  private silenceMs = 0;
  private stopTimer = 0;
  /** The worker said 'started' for this run; the reader asked to stop it. */
  private started = false;
  private stopping = false;
  private readonly watchdog = new Watchdog((ms) => this.prompt.show(ms));
  private readonly prompt = new SilencePrompt(() => this.watchdog.extend(), () => this.abandon(WORKER_STOPPED));
  private readonly faultNote = el('p', { class: 'dl-fault', role: 'alert' });
  private readonly backendSelect = el('select');
  private readonly netSelect = el('select');
  private readonly netLabel = el('label', { class: 'dl-field' });
  private readonly csvInput = el('input', { type: 'file', accept: '.csv,text/csv' });
  private readonly csvLabel = el('label', { class: 'dl-field' });
  /** csv files the reader chose, by the path the spec names: the browser cannot open paths. */
  private readonly files: Record<string, string> = {};
  private readonly trainBtn = button('Train', 'train');
  private readonly stopBtn = button('Stop', 'stop');
  private readonly status = el('p', { class: 'dl-status', role: 'status' });
  private readonly trainHint = el('p', { class: 'dl-live-note' });
  private readonly progress = el('progress', { max: '1', value: '0' });
  private readonly progressText = el('span', { class: 'dl-progress-text' });
  private readonly progressRow = el('div', { class: 'dl-progress' });
  private readonly backendUsed = el('span', { class: 'dl-backend-used' });

  constructor(setup: TrainingSetup, compiled: Compiled) {
    this.setup = setup;
    this.compiled = compiled;
    const { id } = setup;
    for (const [value, label] of BACKENDS) this.backendSelect.append(new Option(label, value));
    this.backendSelect.id = `${id}-backend`;
    const backendLabel = el('label', { class: 'dl-field', for: this.backendSelect.id }, 'Backend ');
    backendLabel.append(this.backendSelect);
    this.netSelect.id = `${id}-net`;
    this.netLabel.setAttribute('for', this.netSelect.id);
    this.netLabel.append('Train block ', this.netSelect);
    this.stopBtn.disabled = true;
    this.progress.setAttribute('aria-label', 'Epochs done');
    const trainBar = el('div', { class: 'dl-live-bar', role: 'group', 'aria-label': 'Training' });
    this.csvInput.id = `${id}-csv`;
    this.csvLabel.setAttribute('for', this.csvInput.id);
    trainBar.append(backendLabel, this.netLabel, this.csvLabel, this.trainBtn, this.stopBtn, this.backendUsed);
    this.progressRow.hidden = true;
    this.progressRow.append(this.progress, this.progressText);
    this.faultNote.hidden = true;
    this.elements = [trainBar, this.trainHint, this.progressRow, this.prompt.element, this.faultNote, this.status, this.views.element];

    this.netSelect.addEventListener('change', () => this.updateCsv());
    this.csvInput.addEventListener('change', () => void this.chooseCsv());
    this.trainBtn.addEventListener('click', () => this.train());
    this.stopBtn.addEventListener('click', () => this.stop());
  }

  /** The train block chosen (or the only one), if any. */
  get net(): string {
    return this.netSelect.value;
  }

  /** After each compile: what can be trained, and whether it can be now. */
  update(compiled: Compiled): void {
    this.compiled = compiled;
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error').length;
    this.trainBtn.disabled = this.running || errors > 0 || !compiled.graph?.trains.length;
    this.trainHint.textContent =
      errors > 0 ? 'Fix the errors to train.'
      : !compiled.graph?.trains.length ? noTrainBlockSentence(compiled.graph?.nets[0]?.name)
      : '';
    this.trainHint.hidden = this.trainHint.textContent === '';
    this.updateNets();
  }

  /** Selects the train block the page asked for (`data-spec-net`), then shows the idle controls. */
  ready(): void {
    const wanted = this.setup.island.dataset.specNet;
    if (wanted && [...this.netSelect.options].some((o) => o.value === wanted)) this.netSelect.value = wanted;
    this.updateCsv();
    this.setRunState('idle');
  }

  /** One option per train block; hidden when there is only one. */
  private updateNets(): void {
    const trains = this.compiled.graph?.trains ?? [];
    const current = this.netSelect.value;
    const names = trains.map((t) => t.net);
    const existing = [...this.netSelect.options].map((o) => o.value);
    if (names.join('\n') !== existing.join('\n')) {
      this.netSelect.replaceChildren(...names.map((n) => new Option(`${n}`, n)));
      if (names.includes(current)) this.netSelect.value = current;
    }
    this.netLabel.hidden = names.length < 2;
    this.updateCsv();
  }

  private selectedTrain(): TrainGraph | undefined {
    return trainFor(this.compiled.graph, this.netSelect.value) ?? trainFor(this.compiled.graph, '');
  }

  /** The csv path the selected train block reads, if it reads one. */
  private csvPath(): string | null {
    const t = this.selectedTrain();
    return t?.dataset.name === 'csv' && typeof t.dataset.options.file === 'string' ? t.dataset.options.file : null;
  }

  private updateCsv(): void {
    const path = this.csvPath();
    this.csvLabel.hidden = path === null;
    if (path === null) return;
    const label = `Data file (${path}) `;
    if (this.csvLabel.firstChild?.textContent !== label) this.csvLabel.replaceChildren(label, this.csvInput);
  }

  private async chooseCsv(): Promise<void> {
    const path = this.csvPath();
    const file = this.csvInput.files?.[0];
    if (path === null || !file) return;
    this.files[path] = await file.text();
    this.status.textContent = `${file.name} will be read as ${path}.`;
  }

  train(): void {
    if (this.running) return;
    this.compiled = this.setup.current();
    const text = this.compiled.source;
    const graph = this.compiled.graph;
    if (!graph || this.compiled.diagnostics.some((d) => d.severity === 'error')) {
      this.status.textContent = 'Fix the errors in the spec before training.';
      return;
    }
    const trainGraph = trainFor(graph, this.netSelect.value);
    const net = trainGraph?.net;
    if (!trainGraph || !net) {
      this.status.textContent = noTrainBlockSentence(graph.nets[0]?.name);
      return;
    }
    const csv = this.csvPath();
    if (csv !== null && this.files[csv] === undefined) {
      this.status.textContent = `This spec trains on ${csv}: choose that file on your computer first (the browser cannot open a path).`;
      this.csvInput.focus();
      return;
    }
    this.run += 1;
    this.trainedSource = text;
    this.running = true;
    this.snapshot = null;
    this.started = false;
    this.stopping = false;
    this.showFault(null);
    this.setup.onWeights(null);
    this.setRunState('running');
    this.views.start(trainGraph);
    this.progress.value = 0;
    this.progressText.textContent = '';
    this.progressRow.hidden = false;
    this.status.textContent = `Starting: loading TensorFlow.js and the data for ${net}…`;
    const backend = this.backendSelect.value as BackendChoice;
    this.request = { type: 'train', run: this.run, graph, net, backend, files: { ...this.files } };
    const netGraph = netFor(graph, net);
    this.silenceMs = netGraph ? silenceAllowedMs(netGraph, trainGraph, backend) : 60_000;
    this.worker.post(this.request);
    this.watchdog.start(this.silenceMs);
  }

  private stop(): void {
    if (!this.running) return;
    this.stopBtn.disabled = true;
    this.status.textContent = 'Stopping after the current batch…';
    this.stopping = true;
    this.worker.postIfRunning({ type: 'stop', run: this.run });
    // Stop always works: a worker that does not end its run in time is closed.
    this.stopTimer = window.setTimeout(() => this.abandon(null), stopGraceMs(this.silenceMs));
  }

  private workerFailed(message: string): void {
    // A worker that fails to load never says 'started'; one that throws mid-run has.
    if (this.running && this.started) {
      this.abandon(workerStopped(message));
      return;
    }
    this.worker.drop();
    if (this.running) this.finish(`Training could not start: ${message || 'the training worker failed to load'}.`);
  }

  private onMessage(msg: FromWorker): void {
    if (msg.type === 'gpu-lost' && (!this.running || msg.run !== this.run)) {
      // Lost between runs: this worker's GPU backend is dead, so the next run gets a new one.
      if (!this.running) this.worker.drop();
      return;
    }
    if (msg.run !== this.run) return;
    this.watchdog.beat();
    this.prompt.hide();
    switch (msg.type) {
      case 'alive':
        break;
      case 'snapshot':
        this.snapshot = { snapshot: msg.snapshot, info: msg.weights };
        break;
      case 'gpu-lost':
        this.continueOnWasm();
        break;
      case 'started':
        this.started = true;
        this.backendReason = msg.reason ?? null;
        this.showBackend(msg.backend);
        this.status.textContent = `Training on ${backendName(msg.backend)}.`;
        break;
      case 'epochs': {
        const last = msg.reports[msg.reports.length - 1];
        this.progress.max = last.epochs;
        this.progress.value = last.epoch;
        this.progressText.textContent = epochText(last);
        this.views.epochs(msg.reports);
        break;
      }
      case 'batch':
        this.progressText.textContent = `Epoch ${msg.report.epoch}, batch ${msg.report.batch} of ${msg.report.batches}: loss ${fmt(msg.report.loss)}`;
        break;
      case 'view':
        this.views.view(msg.view);
        break;
      case 'done': {
        const s = msg.summary;
        const { mount } = this.setup;
        mount.dataset.numTensors = String(msg.numTensors);
        this.showBackend(s.backend);
        // Like `dlc train --save`, weights that hold NaN or infinities are not offered.
        this.setup.onWeights(s.stopped === 'diverged' ? null : { state: msg.state, info: msg.weights });
        if (s.final?.testAccuracy != null) mount.dataset.testAccuracy = String(s.final.testAccuracy);
        this.views.finish(s);
        this.finish(summaryText(s));
        this.setup.island.dispatchEvent(new CustomEvent<SpecTrainedDetail>(SPEC_TRAINED, {
          detail: { source: this.trainedSource, stopped: s.stopped, final: s.final },
          bubbles: true,
        }));
        break;
      }
      case 'failed':
        this.setup.mount.dataset.numTensors = String(msg.numTensors);
        this.finish(msg.message);
        break;
    }
  }

  private showBackend(b: BackendName): void {
    this.setup.mount.dataset.backendUsed = b;
    this.backendUsed.textContent = `Running on ${backendName(b)}${this.backendReason ? `. Auto: ${this.backendReason}.` : ''}`;
  }

  private finish(message: string): void {
    this.watchdog.stop();
    this.prompt.hide();
    window.clearTimeout(this.stopTimer);
    this.request = null;
    this.running = false;
    this.runsDone += 1;
    this.setup.mount.dataset.runsDone = String(this.runsDone);
    this.status.textContent = message;
    this.setRunState('idle');
  }

  private showFault(message: string | null, kind?: 'gpu-lost' | 'worker-stopped'): void {
    this.faultNote.textContent = message ?? '';
    this.faultNote.hidden = message === null;
    if (kind) this.setup.mount.dataset.fault = kind;
    else delete this.setup.mount.dataset.fault;
  }

  /**
   * The GPU context is gone, and the worker's backend with it: a new worker carries on from
   * the last snapshot on WebAssembly, giving the numbers an uninterrupted wasm run would.
   */
  private continueOnWasm(): void {
    if (!this.request) return;
    if (this.stopping) {
      this.abandon(null);
      return;
    }
    this.worker.drop();
    const from = this.snapshot?.snapshot;
    this.views.rewind(from?.history ?? []);
    this.showFault(`${GPU_LOST} from epoch ${(from?.epoch ?? 0) + 1}.`, 'gpu-lost');
    this.run += 1;
    this.request = { ...this.request, run: this.run, backend: 'wasm', resume: from };
    const { graph, net } = this.request;
    const netGraph = netFor(graph, net);
    const trainGraph = trainFor(graph, net);
    this.silenceMs = netGraph && trainGraph ? silenceAllowedMs(netGraph, trainGraph, 'wasm') : 60_000;
    this.stopBtn.disabled = false;
    this.worker.post(this.request);
    this.watchdog.start(this.silenceMs);
  }

  /**
   * Closes a worker that failed, went silent or would not stop, and ends the run with what
   * it had: the history on the page and the weights of the last snapshot. `fault` says what
   * happened; null for a Stop the worker did not answer in time.
   */
  private abandon(fault: string | null): void {
    if (!this.running) return;
    this.worker.drop();
    const kept = this.snapshot;
    if (kept) this.setup.onWeights({ state: kept.snapshot.state, info: kept.info });
    const final = kept?.snapshot.history.at(-1) ?? null;
    const epochs = kept?.snapshot.epoch ?? 0;
    const backend = (this.setup.mount.dataset.backendUsed as BackendName | undefined) ?? 'wasm';
    this.views.finish({ backend, stopped: 'aborted', final, epochs, seconds: kept?.snapshot.seconds ?? 0 });
    const keptText = kept ? ` The history and the weights after epoch ${epochs} are kept.` : '';
    const stopped = `Stopped after ${plural(epochs, 'epoch') || '0 epochs'}`;
    if (fault !== null) this.showFault(fault, 'worker-stopped');
    this.finish(fault !== null ? `${stopped}.${keptText}` : `${stopped}: the worker did not answer, so it was closed.${keptText}`);
  }

  private setRunState(state: 'idle' | 'running'): void {
    this.setup.mount.dataset.runState = state;
    this.trainBtn.disabled = state === 'running' || this.compiled.diagnostics.some((d) => d.severity === 'error') || !this.compiled.graph?.trains.length;
    this.stopBtn.disabled = state !== 'running';
    this.backendSelect.disabled = state === 'running';
    this.netSelect.disabled = state === 'running';
    this.csvInput.disabled = state === 'running';
  }
}

/**
 * The train block for `net` (the picker's choice), or the spec's first when `net` is empty;
 * undefined when there is none, for the page to say so in its own words.
 */
function trainFor(graph: TypedGraph | null | undefined, net: string): TrainGraph | undefined {
  return graph ? orNone(() => trainBlock(graph, net || undefined)) : undefined;
}

/** The net named `net`, or undefined when the spec has none by that name. */
function netFor(graph: TypedGraph, net: string) {
  return orNone(() => findNet(graph, net));
}
