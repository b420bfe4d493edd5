/**
 * A live spec: the editor bundle the loader imports on first interaction. It replaces the
 * static code with an editor that checks the spec as the reader types, trains it in a
 * worker (TensorFlow.js is only fetched then), draws what the model learns, and offers the
 * PyTorch program and downloads. The page's state is mirrored in data attributes on the
 * mount (`data-run-state`, `data-runs-done`, `data-backend-used`, `data-num-tensors`: the
 * worker's live tensors after the last run, `data-test-accuracy`, `data-fault`: `gpu-lost`
 * or `worker-stopped` after a fault of the worker) for tests and styling. Faults are
 * handled with watchdog.ts (a silent worker) and run-faults.ts (what the learner reads).
 */
/// <reference types="vite/client" />
import type { EditorView } from '@codemirror/view';
import type { BackendChoice, BackendName, EpochReport, StateDict, TrainSnapshot } from 'dlc/runtime';
import { type Diagnostic, noTrainBlockSentence, type TrainGraph } from 'dlc';
import { createEditor, setText } from '../editor/create-editor.ts';
import { compileSpec, type Compiled } from '../editor/compile-spec.ts';
import { VOCABULARY } from '../editor/vocabulary.ts';
import { saveEdit, clearEdit, loadEdit } from './spec-store.ts';
import { islandFileName } from './island-source.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';
import { silenceAllowedMs, Watchdog } from './watchdog.ts';
import { takeWorker } from './worker-pool.ts';
import { GPU_LOST, SilencePrompt, stopGraceMs, WORKER_STOPPED, workerStopped } from './run-faults.ts';
import { TrainingViews } from './training-views.ts';
import { PyTorchPanel } from './pytorch-panel.ts';
import { downloadBytes } from './download.ts';
import { encodeSafetensors, toPyTorch, type WeightsInfo, weightsMetadata } from 'dlc/emit';
import { button, el } from './dom.ts';
import { SPEC_CHECKED, SPEC_TRAINED, type SpecCheckedDetail, type SpecTrainedDetail } from './events.ts';
import liveCss from './live-spec.css?inline';

export interface MountOptions {
  /** Storage key of this spec's edits. */
  key: string;
  original: string;
  /** Start training at once (the reader clicked Train rather than Edit). */
  train: boolean;
}

const BACKENDS: Array<[BackendChoice, string]> = [
  ['auto', 'Auto'],
  ['webgl', 'WebGL (GPU)'],
  ['wasm', 'WASM (CPU)'],
  ['cpu', 'Plain JavaScript (CPU)'],
];

let nextId = 0;

class LiveSpec {
  private readonly island: HTMLElement;
  private readonly mount: HTMLElement;
  private readonly opts: MountOptions;
  private readonly editor: EditorView;
  private compiled: Compiled;
  private worker: Worker | null = null;
  /** Why auto chose the backend of the current run (null when the reader chose it). */
  private backendReason: string | null = null;
  private run = 0;
  private runsDone = 0;
  private running = false;
  private weights: { state: StateDict; info: WeightsInfo } | null = null;
  private saveTimer = 0;
  /** The text of the run in progress, for the `dl-spec-trained` event. */
  private trainedSource = '';
  /** False once the browser refused to store an edit. */
  private stored = true;
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

  private readonly editState = el('div', { class: 'dl-edit-state' });
  private readonly editNote = el('span', { role: 'status' });
  private readonly resetBtn = button('Reset to the original', 'reset');
  private readonly diagList = el('ul', { class: 'dl-diag-list' });
  private readonly diagSummary = el('p', { class: 'dl-diag-summary', role: 'status' });
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
  private readonly views: TrainingViews;
  private readonly pytorch: PyTorchPanel;
  private readonly weightsBtn = button('Download weights (.safetensors)', 'download-weights');
  private readonly specBtn = button('Download spec (.dl)', 'download-spec');

  constructor(island: HTMLElement, mount: HTMLElement, opts: MountOptions) {
    this.island = island;
    this.mount = mount;
    this.opts = opts;
    const id = `dl-live-${nextId++}`;
    const saved = loadEdit(opts.key);
    const initial = saved ?? opts.original;
    this.compiled = compileSpec(initial);

    const root = el('div', { class: 'dl-live' });
    const editorWrap = el('div', { class: 'dl-editor' });
    this.editState.append(this.editNote, this.resetBtn);
    this.diagList.id = `${id}-diagnostics`;

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

    this.views = new TrainingViews();
    this.pytorch = new PyTorchPanel(() => this.pytorchSource());
    this.weightsBtn.disabled = true;
    const downloads = el('div', { class: 'dl-live-bar', role: 'group', 'aria-label': 'Downloads' });
    downloads.append(this.specBtn, this.weightsBtn);

    // The editor takes the static code's place; the static summary and diagram stay, and
    // the training controls and views follow them in the mount.
    const editorBlock = el('div', { class: 'dl-live dl-editor-block' });
    editorBlock.append(editorWrap, this.editState, this.diagSummary, this.diagList);
    this.faultNote.hidden = true;
    root.append(trainBar, this.trainHint, this.progressRow, this.prompt.element, this.faultNote, this.status, this.views.element, this.pytorch.element, downloads);
    mount.replaceChildren(root);
    const code = staticCode(island, mount);
    if (code) {
      code.hidden = true;
      code.after(editorBlock);
    } else {
      mount.prepend(editorBlock);
    }

    this.editor = createEditor({
      parent: editorWrap,
      doc: initial,
      label: 'Spec editor',
      vocabulary: VOCABULARY,
      check: (text) => this.check(text),
      onChange: (text) => this.changed(text),
    });
    this.showDiagnostics(this.compiled.diagnostics);
    this.updateEditState(initial);
    this.updateNets();
    const wanted = island.dataset.specNet;
    if (wanted && [...this.netSelect.options].some((o) => o.value === wanted)) this.netSelect.value = wanted;
    this.updateCsv();
    this.setRunState('idle');

    this.resetBtn.addEventListener('click', () => this.reset());
    this.netSelect.addEventListener('change', () => this.updateCsv());
    this.csvInput.addEventListener('change', () => void this.chooseCsv());
    this.trainBtn.addEventListener('click', () => this.train());
    this.stopBtn.addEventListener('click', () => this.stop());
    this.specBtn.addEventListener('click', () => this.downloadSpec());
    this.weightsBtn.addEventListener('click', () => this.downloadWeights());
    mount.dataset.enhanced = 'live';

    if (opts.train) this.train();
    else this.editor.focus();
  }

  private text(): string {
    return this.editor.state.doc.toString();
  }

  /** Compiles for the linter (after a pause in typing) and keeps the result for Train. */
  private check(text: string): readonly Diagnostic[] {
    if (text !== this.compiled.source) this.compiled = compileSpec(text);
    this.showDiagnostics(this.compiled.diagnostics);
    this.updateNets();
    this.pytorch.refresh();
    return this.compiled.diagnostics;
  }

  private changed(text: string): void {
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => {
      this.stored = text === this.opts.original ? clearEdit(this.opts.key) : saveEdit(this.opts.key, text);
      this.updateEditState(text);
    }, 300);
    this.updateEditState(text);
  }

  private updateEditState(text: string): void {
    const edited = text !== this.opts.original;
    this.mount.dataset.edited = String(edited);
    this.resetBtn.hidden = !edited;
    if (!this.stored) {
      this.editNote.textContent = 'This browser would not store your edits: they will be lost when you leave the page.';
    } else {
      this.editNote.textContent = edited ? 'Edited: your version is saved in this browser.' : '';
    }
  }

  private reset(): void {
    setText(this.editor, this.opts.original);
    clearEdit(this.opts.key);
    this.editor.focus();
  }

  private showDiagnostics(diagnostics: readonly Diagnostic[]): void {
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    this.diagSummary.textContent =
      errors + warnings === 0 ? 'No problems found.' : [plural(errors, 'error'), plural(warnings, 'warning')].filter(Boolean).join(', ') + '.';
    this.diagSummary.dataset.errors = String(errors);
    this.diagList.replaceChildren(
      ...diagnostics.map((d) => {
        const li = el('li', { class: `dl-diag-item dl-${d.severity}` });
        const go = button(`Line ${d.line}, column ${d.column}`, 'goto');
        go.addEventListener('click', () => this.goTo(d));
        const msg = el('span', {}, ` ${d.severity} ${d.code}: ${d.message}`);
        li.append(go, msg);
        if (d.help) li.append(el('span', { class: 'dl-diag-help' }, ` help: ${d.help}`));
        return li;
      }),
    );
    this.trainBtn.disabled = this.running || errors > 0 || !this.compiled.graph?.trains.length;
    this.trainHint.textContent =
      errors > 0 ? 'Fix the errors to train.'
      : !this.compiled.graph?.trains.length ? noTrainBlockSentence(this.compiled.graph?.nets[0]?.name)
      : '';
    this.trainHint.hidden = this.trainHint.textContent === '';
    this.emit<SpecCheckedDetail>(SPEC_CHECKED, { source: this.compiled.source, errors, warnings });
  }

  private emit<T>(type: string, detail: T): void {
    this.island.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true }));
  }

  private goTo(d: Diagnostic): void {
    const doc = this.editor.state.doc;
    const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
    const pos = Math.min(line.from + d.column - 1, line.to);
    this.editor.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    this.editor.focus();
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
    const trains = this.compiled.graph?.trains ?? [];
    return trains.find((t) => t.net === this.netSelect.value) ?? trains[0];
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

  private pytorchSource(): { text: string } | { problem: string } {
    const c = this.compiled.source === this.text() ? this.compiled : compileSpec(this.text());
    if (!c.graph) return { problem: 'Fix the errors in the spec to see its PyTorch program.' };
    const net = this.netSelect.value || c.graph.trains[0]?.net || c.graph.nets[0]?.name;
    if (!net) return { problem: 'The spec declares no net.' };
    try {
      return { text: toPyTorch(c.graph, { net, mode: 'program', source: this.fileName() }) };
    } catch (e) {
      return { problem: `No PyTorch program for this spec: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = takeWorker();
    worker.addEventListener('message', (e: MessageEvent<FromWorker>) => this.onMessage(e.data));
    worker.addEventListener('error', (e) => {
      e.preventDefault();
      if (this.worker !== worker) return;
      // A worker that fails to load never says 'started'; one that throws mid-run has.
      if (this.running && this.started) {
        this.abandon(workerStopped(e.message));
        return;
      }
      this.worker = null;
      worker.terminate();
      if (this.running) this.finish(`Training could not start: ${e.message || 'the training worker failed to load'}.`);
    });
    this.worker = worker;
    return worker;
  }

  private post(msg: ToWorker): void {
    this.ensureWorker().postMessage(msg);
  }

  private train(): void {
    if (this.running) return;
    const text = this.text();
    if (text !== this.compiled.source) this.check(text);
    const graph = this.compiled.graph;
    if (!graph || this.compiled.diagnostics.some((d) => d.severity === 'error')) {
      this.status.textContent = 'Fix the errors in the spec before training.';
      return;
    }
    const net = this.netSelect.value || graph.trains[0]?.net;
    const trainGraph = graph.trains.find((t) => t.net === net);
    if (!trainGraph) {
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
    this.weights = null;
    this.snapshot = null;
    this.started = false;
    this.stopping = false;
    this.showFault(null);
    this.weightsBtn.disabled = true;
    this.setRunState('running');
    this.views.start(trainGraph);
    this.progress.value = 0;
    this.progressText.textContent = '';
    this.progressRow.hidden = false;
    this.status.textContent = `Starting: loading TensorFlow.js and the data for ${net}…`;
    const backend = this.backendSelect.value as BackendChoice;
    this.request = { type: 'train', run: this.run, graph, net, backend, files: { ...this.files } };
    const netGraph = graph.nets.find((n) => n.name === net);
    this.silenceMs = netGraph ? silenceAllowedMs(netGraph, trainGraph, backend) : 60_000;
    this.post(this.request);
    this.watchdog.start(this.silenceMs);
  }

  private stop(): void {
    if (!this.running) return;
    this.stopBtn.disabled = true;
    this.status.textContent = 'Stopping after the current batch…';
    this.stopping = true;
    this.worker?.postMessage({ type: 'stop', run: this.run } satisfies ToWorker);
    // Stop always works: a worker that does not end its run in time is closed.
    this.stopTimer = window.setTimeout(() => this.abandon(null), stopGraceMs(this.silenceMs));
  }

  private onMessage(msg: FromWorker): void {
    if (msg.type === 'gpu-lost' && (!this.running || msg.run !== this.run)) {
      // Lost between runs: this worker's GPU backend is dead, so the next run gets a new one.
      if (!this.running) this.dropWorker();
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
        this.mount.dataset.numTensors = String(msg.numTensors);
        this.showBackend(s.backend);
        // Like `dlc train --save`, weights that hold NaN or infinities are not offered.
        this.weights = s.stopped === 'diverged' ? null : { state: msg.state, info: msg.weights };
        this.weightsBtn.disabled = this.weights === null;
        if (s.final?.testAccuracy != null) this.mount.dataset.testAccuracy = String(s.final.testAccuracy);
        this.views.finish(s);
        this.finish(summaryText(s));
        this.emit<SpecTrainedDetail>(SPEC_TRAINED, { source: this.trainedSource, stopped: s.stopped, final: s.final });
        break;
      }
      case 'failed':
        this.mount.dataset.numTensors = String(msg.numTensors);
        this.finish(msg.message);
        break;
    }
  }

  private showBackend(b: BackendName): void {
    this.mount.dataset.backendUsed = b;
    this.backendUsed.textContent = `Running on ${backendName(b)}${this.backendReason ? `. Auto: ${this.backendReason}.` : ''}`;
  }

  private finish(message: string): void {
    this.watchdog.stop();
    this.prompt.hide();
    window.clearTimeout(this.stopTimer);
    this.request = null;
    this.running = false;
    this.runsDone += 1;
    this.mount.dataset.runsDone = String(this.runsDone);
    this.status.textContent = message;
    this.setRunState('idle');
  }

  private dropWorker(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private showFault(message: string | null, kind?: 'gpu-lost' | 'worker-stopped'): void {
    this.faultNote.textContent = message ?? '';
    this.faultNote.hidden = message === null;
    if (kind) this.mount.dataset.fault = kind;
    else delete this.mount.dataset.fault;
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
    this.dropWorker();
    const from = this.snapshot?.snapshot;
    this.views.rewind(from?.history ?? []);
    this.showFault(`${GPU_LOST} from epoch ${(from?.epoch ?? 0) + 1}.`, 'gpu-lost');
    this.run += 1;
    this.request = { ...this.request, run: this.run, backend: 'wasm', resume: from };
    const { graph, net } = this.request;
    const netGraph = graph.nets.find((n) => n.name === net);
    const trainGraph = graph.trains.find((t) => t.net === net);
    this.silenceMs = netGraph && trainGraph ? silenceAllowedMs(netGraph, trainGraph, 'wasm') : 60_000;
    this.stopBtn.disabled = false;
    this.post(this.request);
    this.watchdog.start(this.silenceMs);
  }

  /**
   * Closes a worker that failed, went silent or would not stop, and ends the run with what
   * it had: the history on the page and the weights of the last snapshot. `fault` says what
   * happened; null for a Stop the worker did not answer in time.
   */
  private abandon(fault: string | null): void {
    if (!this.running) return;
    this.dropWorker();
    const kept = this.snapshot;
    if (kept) {
      this.weights = { state: kept.snapshot.state, info: kept.info };
      this.weightsBtn.disabled = false;
    }
    const final = kept?.snapshot.history.at(-1) ?? null;
    const epochs = kept?.snapshot.epoch ?? 0;
    const backend = (this.mount.dataset.backendUsed as BackendName | undefined) ?? 'wasm';
    this.views.finish({ backend, stopped: 'aborted', final, epochs, seconds: kept?.snapshot.seconds ?? 0 });
    const keptText = kept ? ` The history and the weights after epoch ${epochs} are kept.` : '';
    const stopped = `Stopped after ${plural(epochs, 'epoch') || '0 epochs'}`;
    if (fault !== null) this.showFault(fault, 'worker-stopped');
    this.finish(fault !== null ? `${stopped}.${keptText}` : `${stopped}: the worker did not answer, so it was closed.${keptText}`);
  }

  private setRunState(state: 'idle' | 'running'): void {
    this.mount.dataset.runState = state;
    this.trainBtn.disabled = state === 'running' || this.compiled.diagnostics.some((d) => d.severity === 'error') || !this.compiled.graph?.trains.length;
    this.stopBtn.disabled = state !== 'running';
    this.backendSelect.disabled = state === 'running';
    this.netSelect.disabled = state === 'running';
    this.csvInput.disabled = state === 'running';
  }

  /** The spec's file name for downloads and the program's docstring: the lesson's, or the net's. */
  private fileName(): string {
    const net = this.netSelect.value || this.compiled.graph?.nets[0]?.name;
    return islandFileName(this.island, net ? net.toLowerCase() : 'spec');
  }

  private downloadSpec(): void {
    downloadBytes(new TextEncoder().encode(this.text()), this.fileName(), 'text/plain');
  }

  private downloadWeights(): void {
    if (!this.weights) return;
    const { state, info } = this.weights;
    const bytes = encodeSafetensors(state, weightsMetadata(info));
    downloadBytes(bytes, `${(info.net ?? 'net').toLowerCase()}.safetensors`, 'application/octet-stream');
  }
}

function plural(n: number, word: string): string {
  return n === 0 ? '' : `${n} ${word}${n === 1 ? '' : 's'}`;
}

function fmt(v: number): string {
  return Number.isFinite(v) ? v.toPrecision(4) : String(v);
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

function backendName(b: BackendName): string {
  return { webgl: 'WebGL (GPU)', wasm: 'WASM (CPU)', cpu: 'plain JavaScript (CPU)' }[b];
}

function epochText(r: EpochReport): string {
  const parts = [`Epoch ${r.epoch} of ${r.epochs}: loss ${fmt(r.trainLoss)}`];
  if (r.validationAccuracy != null) parts.push(`validation accuracy ${pct(r.validationAccuracy)}`);
  if (r.testAccuracy !== null) parts.push(`test accuracy ${pct(r.testAccuracy)}`);
  else if (r.testLoss !== null) parts.push(`test loss ${fmt(r.testLoss)}`);
  return parts.join(', ');
}

function summaryText(s: { stopped: string; message?: string; final: EpochReport | null; epochs: number; seconds: number }): string {
  if (s.stopped === 'diverged') return s.message ?? 'Training diverged: the loss is no longer a number. Try a smaller learning rate.';
  const time = `${s.seconds.toFixed(1)} s`;
  if (s.stopped === 'aborted') return `Stopped after ${plural(s.epochs, 'epoch') || '0 epochs'} (${time}).`;
  const acc = s.final?.testAccuracy ?? s.final?.trainAccuracy;
  return `Done: ${plural(s.epochs, 'epoch')} in ${time}${acc != null ? `, ${s.final?.testAccuracy != null ? 'test' : 'train'} accuracy ${pct(acc)}` : ''}.`;
}

/** The static view's highlighted source, which the editor replaces. */
function staticCode(island: HTMLElement, mount: HTMLElement): HTMLElement | undefined {
  return island.querySelector<HTMLElement>('[data-spec-code], .spec-source') ?? [...island.querySelectorAll<HTMLElement>('pre')].find((p) => !mount.contains(p));
}

/**
 * The live view's styles arrive with its code rather than as a stylesheet link: Astro would
 * put a CSS import of this lazily loaded module on every lesson's first load.
 */
function addStyles(): void {
  if (document.getElementById('dl-live-styles')) return;
  const style = document.createElement('style');
  style.id = 'dl-live-styles';
  style.textContent = liveCss;
  document.head.append(style);
}

export function mountLiveSpec(island: HTMLElement, mount: HTMLElement, opts: MountOptions): void {
  addStyles();
  new LiveSpec(island, mount, opts);
}
