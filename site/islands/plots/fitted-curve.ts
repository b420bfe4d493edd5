/** A regression fit in one variable (`sine`): the data points and the model's curve over them. */
import { figure, shortNumber, svgEl, ticks } from './svg.ts';

const W = 320;
const H = 200;
const PAD = { left: 36, right: 10, top: 10, bottom: 22 };

export class FittedCurve {
  readonly element: HTMLElement;
  private readonly svg: SVGSVGElement;
  private data: { x: Float32Array; y: Float32Array } | null = null;

  constructor() {
    const { fig, body } = figure('dl-fit', 'The data (dots) and the model’s curve');
    this.svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'The data; the curve appears once training starts' });
    body.append(this.svg);
    this.element = fig;
  }

  setData(x: Float32Array, y: Float32Array): void {
    this.data = { x, y };
    this.draw(null, 0);
  }

  draw(curve: { x: Float32Array; y: Float32Array } | null, epoch: number): void {
    const xs = [...(this.data?.x ?? []), ...(curve?.x ?? [])];
    const ys = [...(this.data?.y ?? []), ...(curve?.y ?? [])].filter(Number.isFinite);
    if (xs.length === 0) return;
    const [xLo, xHi] = [Math.min(...xs), Math.max(...xs)];
    let [yLo, yHi] = [Math.min(...ys), Math.max(...ys)];
    if (yHi - yLo < 1e-9) [yLo, yHi] = [yLo - 1, yHi + 1];
    const sx = (v: number) => PAD.left + ((v - xLo) / (xHi - xLo || 1)) * (W - PAD.left - PAD.right);
    const sy = (v: number) => H - PAD.bottom - ((v - yLo) / (yHi - yLo)) * (H - PAD.top - PAD.bottom);
    const nodes: SVGElement[] = [];
    for (const t of ticks(yLo, yHi)) {
      nodes.push(svgEl('line', { x1: PAD.left, x2: W - PAD.right, y1: sy(t), y2: sy(t), class: 'dl-grid' }));
      nodes.push(svgEl('text', { x: PAD.left - 4, y: sy(t) + 3, 'text-anchor': 'end', class: 'dl-tick' }, shortNumber(t)));
    }
    for (const t of ticks(xLo, xHi)) {
      nodes.push(svgEl('text', { x: sx(t), y: H - 6, 'text-anchor': 'middle', class: 'dl-tick' }, shortNumber(t)));
    }
    if (this.data) {
      for (let i = 0; i < this.data.x.length; i++) {
        nodes.push(svgEl('circle', { cx: sx(this.data.x[i]), cy: sy(this.data.y[i]), r: 2, fill: 'var(--dl-muted)' }));
      }
    }
    if (curve) {
      const d = [...curve.x].map((v, i) => `${i ? 'L' : 'M'}${sx(v).toFixed(1)},${sy(curve.y[i]).toFixed(1)}`).join('');
      nodes.push(svgEl('path', { d, fill: 'none', stroke: 'var(--dl-train)', 'stroke-width': 2.5 }));
      this.svg.setAttribute('aria-label', `The model’s curve after epoch ${epoch} over ${this.data?.x.length ?? 0} data points`);
    }
    this.svg.replaceChildren(...nodes);
  }
}
