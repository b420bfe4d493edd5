/**
 * The first convolution's learned filters, one small image per output channel (averaged
 * over input channels): blue for negative weights, red for positive, scaled to the
 * largest weight so the patterns stay visible as the weights grow.
 */
import { cssColor, figure } from './svg.ts';

export interface ConvWeights {
  /** PyTorch layout [out, in, kh, kw]. */
  shape: [number, number, number, number];
  data: Float32Array;
}

const SCALE = 10;

export class ConvFilters {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor() {
    const { fig, body } = figure('dl-filters', 'First-layer filters (blue negative, red positive)');
    this.list = document.createElement('ol');
    this.list.className = 'dl-filter-list';
    body.append(this.list);
    this.element = fig;
  }

  draw(w: ConvWeights): void {
    const [outC, inC, kh, kw] = w.shape;
    const mean = new Float32Array(outC * kh * kw);
    for (let o = 0; o < outC; o++) {
      for (let i = 0; i < inC; i++) {
        for (let p = 0; p < kh * kw; p++) mean[o * kh * kw + p] += w.data[((o * inC + i) * kh * kw) + p] / inC;
      }
    }
    const max = Math.max(...mean.map(Math.abs), 1e-12);
    const neg = cssColor(this.element, '--dl-class0', '#0969da');
    const pos = cssColor(this.element, '--dl-class1', '#cf222e');
    const items: HTMLElement[] = [];
    for (let o = 0; o < outC; o++) {
      const li = document.createElement('li');
      const canvas = document.createElement('canvas');
      canvas.width = kw * SCALE;
      canvas.height = kh * SCALE;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `filter ${o + 1}`);
      const ctx = canvas.getContext('2d');
      if (ctx) {
        for (let p = 0; p < kh * kw; p++) {
          const v = mean[o * kh * kw + p] / max;
          ctx.fillStyle = v < 0 ? neg : pos;
          ctx.globalAlpha = Math.abs(v);
          ctx.fillRect((p % kw) * SCALE, Math.floor(p / kw) * SCALE, SCALE, SCALE);
        }
      }
      li.append(canvas);
      items.push(li);
    }
    this.list.replaceChildren(...items);
  }
}
