/**
 * What the reader watches while a spec trains: loss and accuracy curves (train, validation
 * when the spec holds a validation set out, and test),
 * and a view chosen by the data set (the decision boundary for 2-D points, the fitted curve
 * for `sine`, predictions and first-layer filters for `digits`), then the final metrics or
 * the divergence message. Redraws are batched to one per animation frame.
 */
import type { EpochReport } from 'dlc/runtime';
import { isPlanar, type TrainGraph } from 'dlc';
import { LineChart, type Series } from '../plots/line-chart.ts';
import { DecisionBoundary } from '../plots/decision-boundary.ts';
import { FittedCurve } from '../plots/fitted-curve.ts';
import { DigitPredictions } from '../plots/digit-predictions.ts';
import { ConvFilters } from '../plots/conv-filters.ts';
import { finalMetrics } from '../plots/final-metrics.ts';
import type { RunSummary, View } from './worker-protocol.ts';
import { el } from './dom.ts';

const DRAW_EVERY_MS = 100;
const MAX_POINTS = 400;

export class TrainingViews {
  readonly element = el('section', { class: 'dl-views', 'aria-label': 'Training views' });
  private readonly charts = el('div', { class: 'dl-view-row' });
  private readonly extra = el('div', { class: 'dl-view-row' });
  private readonly result = el('div', { class: 'dl-result' });
  private history: EpochReport[] = [];
  private totalEpochs = 1;
  private loss = new LineChart({ caption: 'Loss per epoch' });
  private accuracy: LineChart | null = null;
  private boundary: DecisionBoundary | null = null;
  private fit: FittedCurve | null = null;
  private digits: DigitPredictions | null = null;
  private filters: ConvFilters | null = null;
  private frame = 0;
  private timer = 0;
  private lastDraw = 0;

  constructor() {
    this.element.hidden = true;
    this.element.append(this.charts, this.extra, this.result);
  }

  start(train: TrainGraph): void {
    this.element.hidden = false;
    this.history = [];
    this.totalEpochs = train.epochs;
    const classes = train.dataset.target?.kind === 'classes';
    this.loss = new LineChart({ caption: 'Loss per epoch' });
    this.accuracy = classes ? new LineChart({ caption: 'Accuracy per epoch', yMin: 0, yMax: 1, format: (v) => `${(v * 100).toFixed(1)}%` }) : null;
    this.charts.replaceChildren(this.loss.element, ...(this.accuracy ? [this.accuracy.element] : []));
    const name = train.dataset.name;
    this.boundary = isPlanar(name) ? new DecisionBoundary() : null;
    this.fit = name === 'sine' ? new FittedCurve() : null;
    this.digits = name === 'digits' ? new DigitPredictions() : null;
    this.filters = null;
    this.extra.replaceChildren(...[this.boundary, this.fit, this.digits].filter((v) => v !== null).map((v) => v.element));
    this.result.replaceChildren();
    this.draw();
  }

  epochs(reports: readonly EpochReport[]): void {
    this.history.push(...reports);
    this.totalEpochs = reports[reports.length - 1].epochs;
    this.schedule();
  }

  /** Shows the history up to a snapshot a run resumes from, dropping reports past it. */
  rewind(history: readonly EpochReport[]): void {
    this.history = [...history];
    this.schedule();
  }

  view(v: View): void {
    switch (v.kind) {
      case 'points':
        this.boundary?.setPoints(v.points);
        break;
      case 'boundary':
        this.boundary?.draw(v.grid, v.epoch);
        break;
      case 'series':
        this.fit?.setData(v.x, v.y);
        break;
      case 'curve':
        this.fit?.draw({ x: v.x, y: v.y }, v.epoch);
        break;
      case 'digits':
        this.digits?.draw(v.samples);
        break;
      case 'filters':
        if (!this.filters) {
          this.filters = new ConvFilters();
          this.extra.append(this.filters.element);
        }
        this.filters.draw(v.weights);
        break;
    }
  }

  finish(s: RunSummary): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = this.timer = 0;
    this.draw();
    if (s.stopped === 'diverged') {
      const box = el('div', { class: 'dl-diverged', role: 'alert' });
      box.append(el('strong', {}, 'Training diverged. '), s.message ?? 'The loss stopped being a number. Try a smaller learning rate.');
      this.result.replaceChildren(box);
    } else if (s.final) {
      this.result.replaceChildren(el('h4', {}, s.stopped === 'aborted' ? 'Metrics when stopped' : 'Final metrics'), finalMetrics(s.final, s.backend, s));
    }
  }

  /** At most one redraw per frame, and no more than every DRAW_EVERY_MS, so long runs stay cheap. */
  private schedule(): void {
    if (this.frame || this.timer) return;
    const wait = this.lastDraw + DRAW_EVERY_MS - performance.now();
    const request = () => {
      this.timer = 0;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.draw();
      });
    };
    if (wait > 0) this.timer = window.setTimeout(request, wait);
    else request();
  }

  private draw(): void {
    this.lastDraw = performance.now();
    // A few hundred points draw the same curve as a hundred thousand.
    const stride = Math.ceil(this.history.length / MAX_POINTS);
    const h = stride <= 1 ? this.history : this.history.filter((_, i) => i % stride === 0 || i === this.history.length - 1);
    const series = (label: string, color: string, pick: (r: EpochReport) => number | null | undefined, style: 'dashed' | 'dotted' | null = null): Series => ({
      label,
      color,
      dashed: style === 'dashed',
      dotted: style === 'dotted',
      points: h.flatMap((r) => {
        const v = pick(r);
        return v == null ? [] : [[r.epoch, v] as [number, number]];
      }),
    });
    const hasTest = h.some((r) => r.testLoss !== null);
    const hasValidation = h.some((r) => r.validationLoss !== undefined);
    const curves = (train: (r: EpochReport) => number | null, val: (r: EpochReport) => number | null | undefined, test: (r: EpochReport) => number | null) => [
      series('train', 'var(--dl-train)', train),
      ...(hasValidation ? [series('validation', 'var(--dl-val)', val, 'dotted')] : []),
      ...(hasTest ? [series('test', 'var(--dl-test)', test, 'dashed')] : []),
    ];
    this.loss.update(curves((r) => r.trainLoss, (r) => r.validationLoss, (r) => r.testLoss), this.totalEpochs);
    this.accuracy?.update(curves((r) => r.trainAccuracy, (r) => r.validationAccuracy, (r) => r.testAccuracy), this.totalEpochs);
  }
}
