/** A few test images with the model's guess under each, marked right or wrong. */
import { figure } from './svg.ts';

export interface DigitSamples {
  /** k images of height x width, pixels in 0..1, row-major. */
  images: Float32Array;
  height: number;
  width: number;
  labels: Int32Array;
  predicted: Int32Array;
}

const SCALE = 5;

export class DigitPredictions {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor() {
    const { fig, body } = figure('dl-digits', 'Test images and the model’s predictions');
    this.list = document.createElement('ol');
    this.list.className = 'dl-digit-list';
    body.append(this.list);
    this.element = fig;
  }

  draw(s: DigitSamples): void {
    const size = s.height * s.width;
    const items = [...s.labels].map((label, k) => {
      const li = document.createElement('li');
      const canvas = document.createElement('canvas');
      canvas.width = s.width * SCALE;
      canvas.height = s.height * SCALE;
      const ctx = canvas.getContext('2d');
      if (ctx) {
        for (let i = 0; i < size; i++) {
          const v = Math.round(255 * (1 - Math.min(Math.max(s.images[k * size + i], 0), 1)));
          ctx.fillStyle = `rgb(${v},${v},${v})`;
          ctx.fillRect((i % s.width) * SCALE, Math.floor(i / s.width) * SCALE, SCALE, SCALE);
        }
      }
      const guess = s.predicted[k];
      const right = guess === label;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `an image of a ${label}`);
      const cap = document.createElement('span');
      cap.className = right ? 'dl-right' : 'dl-wrong';
      cap.textContent = right ? `${guess} ✓` : `${guess} ✗ (is ${label})`;
      li.append(canvas, cap);
      return li;
    });
    this.list.replaceChildren(...items);
  }
}
