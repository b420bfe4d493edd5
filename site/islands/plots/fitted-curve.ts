/**
 * A regression fit in one variable (`sine`): the data points and the model's curve over them,
 * drawn by the site's one chart function (chart.ts).
 */
import { chartSvg } from './chart.ts';
import { figure } from './svg.ts';

export class FittedCurve {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private data: { x: Float32Array; y: Float32Array } | null = null;

  constructor() {
    const { fig, body } = figure('dl-fit', 'The data (dots) and the model’s curve');
    this.body = body;
    this.element = fig;
    this.render(null, 'The data; the curve appears once training starts');
  }

  setData(x: Float32Array, y: Float32Array): void {
    this.data = { x, y };
    this.draw(null, 0);
  }

  draw(curve: { x: Float32Array; y: Float32Array } | null, epoch: number): void {
    if (!this.data && !curve) return;
    const label = curve
      ? `The model’s curve after epoch ${epoch} over ${this.data?.x.length ?? 0} data points`
      : 'The data; the curve appears once training starts';
    this.render(curve, label);
  }

  private render(curve: { x: Float32Array; y: Float32Array } | null, title: string): void {
    const pairs = (p: { x: Float32Array; y: Float32Array }) => Array.from(p.x, (x, i) => [x, p.y[i]] as const);
    // Trusted markup: chartSvg escapes every text it is given.
    this.body.innerHTML = chartSvg({
      title,
      xLabel: 'x',
      yLabel: '',
      dots: this.data ? [{ color: 'var(--dl-muted)', points: pairs(this.data), radius: 2 }] : [],
      series: curve ? [{ label: 'model', color: 'var(--dl-train)', points: pairs(curve) }] : [],
      width: 320,
      height: 210,
    });
  }
}
