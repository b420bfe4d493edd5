/** What `rnn-lstm-gradients` draws: the gradient reaching each input step, log scale, both cells. */
import type { StepGradients } from '../compute/rnn-gradients.ts';
import { chartSvg, legendHtml } from '../../plots/chart.ts';
import { compact } from '../shared/format.ts';

export const CELL_STYLE = {
  rnn: { label: 'plain RNN', color: 'var(--dl-s1)' },
  lstm: { label: 'LSTM', color: 'var(--dl-s2)', dashed: true },
} as const;

/** How much smaller the gradient at the first step is than at the last. */
export function firstToLast(g: StepGradients): number {
  return g.perStep[0] / g.perStep[g.perStep.length - 1];
}

export function rnnChart(runs: readonly StepGradients[], steps: number): string {
  return chartSvg({
    title: 'Average size of the gradient reaching each input step, log scale',
    summary: runs.length
      ? runs.map((r) => `${CELL_STYLE[r.cell].label}: ${compact(r.perStep[steps - 1])} at step ${steps}, ${compact(r.perStep[0])} at step 1`).join('; ')
      : 'Not run yet.',
    xLabel: 'input step (1 = the bit to remember)',
    yLabel: 'mean |∂L/∂x|',
    yLog: true,
    xIntegers: true,
    xDomain: [1, steps],
    series: runs.map((r) => ({ ...CELL_STYLE[r.cell], markers: true, points: r.perStep.map((v, t) => [t + 1, v] as const) })),
  });
}

export function rnnLegend(): string {
  return legendHtml([CELL_STYLE.rnn, CELL_STYLE.lstm]);
}
