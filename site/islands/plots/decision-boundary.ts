/**
 * The decision boundary of a 2-D classifier: the model's probability of class 1 over a grid
 * (the worker evaluates it every few epochs), shaded between the two class colours, with
 * the data points on top. The 0.5 contour is where the colours meet.
 */
import { cssColor, figure } from './svg.ts';

export interface BoundaryGrid {
  /** [xMin, xMax, yMin, yMax] of the grid, in the data's units. */
  bounds: [number, number, number, number];
  /** Cells per side; `p1` is size x size, row 0 at the top (yMax). */
  size: number;
  p1: Float32Array;
}

export interface Points2D {
  x: Float32Array; // n x 2
  y: Int32Array;   // class per point
}

const SIDE = 240;

/** The channels of `rgb(r, g, b)` (a computed colour) or `#rrggbb`. */
function rgb(color: string): [number, number, number] {
  const c = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(color);
  if (c) return [Number(c[1]), Number(c[2]), Number(c[3])];
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return [128, 128, 128];
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export class DecisionBoundary {
  readonly element: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private points: Points2D | null = null;

  constructor() {
    const { fig, body } = figure('dl-boundary', 'Decision boundary: shading is the probability of class 1');
    this.canvas = document.createElement('canvas');
    this.canvas.width = this.canvas.height = SIDE;
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'The data points; the boundary appears once training starts');
    body.append(this.canvas);
    this.element = fig;
  }

  setPoints(points: Points2D): void {
    this.points = points;
  }

  draw(grid: BoundaryGrid, epoch: number): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const c0 = rgb(cssColor(this.element, '--dl-class0', '#0969da'));
    const c1 = rgb(cssColor(this.element, '--dl-class1', '#cf222e'));
    const bg = rgb(cssColor(this.element, '--dl-bg', '#ffffff'));
    const { size, p1, bounds } = grid;
    const image = ctx.createImageData(size, size);
    for (let i = 0; i < size * size; i++) {
      const p = p1[i];
      // Confident regions get the class colour; uncertain ones fade to the background.
      const strength = Math.abs(p - 0.5) * 2 * 0.45;
      const c = p >= 0.5 ? c1 : c0;
      for (let k = 0; k < 3; k++) image.data[i * 4 + k] = Math.round(bg[k] + (c[k] - bg[k]) * strength);
      image.data[i * 4 + 3] = 255;
    }
    const off = new OffscreenCanvas(size, size);
    off.getContext('2d')?.putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(off, 0, 0, SIDE, SIDE);

    const [x0, x1, y0, y1] = bounds;
    if (this.points) {
      const { x, y } = this.points;
      for (let i = 0; i < y.length; i++) {
        const px = ((x[2 * i] - x0) / (x1 - x0)) * SIDE;
        const py = ((y1 - x[2 * i + 1]) / (y1 - y0)) * SIDE;
        ctx.beginPath();
        ctx.arc(px, py, 2.6, 0, 2 * Math.PI);
        ctx.fillStyle = `rgb(${(y[i] === 1 ? c1 : c0).join(',')})`;
        ctx.fill();
        ctx.lineWidth = 0.8;
        ctx.strokeStyle = `rgb(${bg.join(',')})`;
        ctx.stroke();
      }
    }
    this.canvas.setAttribute('aria-label', `Decision boundary after epoch ${epoch}, over ${this.points?.y.length ?? 0} points`);
  }
}
