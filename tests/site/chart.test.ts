// The site's one chart (site/islands/plots/chart.ts): the SVG string the build puts in the
// interactives' static pictures and the islands redraw live. Read back as data: points land
// where the scales put them, the axes' ticks cover the data, text is escaped, and the
// series' styles (dashed, dotted, markers) and the accessible label say what is drawn.
import { describe, expect, it } from 'vitest';
import { chartSvg, escapeXml, legendHtml, shortNumber, ticks } from '../../site/islands/plots/chart.ts';

/** The path's points back in chart coordinates. */
function pathPoints(svg: string, index = 0): Array<[number, number]> {
  const d = [...svg.matchAll(/<path d="([^"]+)"/g)][index][1];
  return [...d.matchAll(/[ML]([\d.-]+),([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

const tickTexts = (svg: string) => [...svg.matchAll(/<text class="chart-tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('chartSvg', () => {
  const base = { title: 'Loss', xLabel: 'epoch', yLabel: 'loss' };

  it('maps x and y linearly into the plot area, y growing upwards', () => {
    const svg = chartSvg({ ...base, width: 300, height: 200, xDomain: [0, 10], yDomain: [0, 1], series: [{ label: 'a', color: 'red', points: [[0, 0], [5, 0.5], [10, 1]] }] });
    const [p0, p1, p2] = pathPoints(svg);
    // The padding: left 48, right 12, top 10, bottom 34.
    expect(p0).toEqual([48, 166]);
    expect(p2).toEqual([288, 10]);
    expect(p1).toEqual([168, 88]);
    expect(svg).toContain('viewBox="0 0 300 200"');
  });

  it('ticks the y axis over the data and the x axis in whole numbers when asked', () => {
    const svg = chartSvg({ ...base, xIntegers: true, xDomain: [1, 3], yDomain: [0, 1], series: [{ label: 'a', color: 'red', points: [[1, 0.2], [3, 0.9]] }] });
    expect(tickTexts(svg)).toEqual(['0', '0.5', '1', '1', '2', '3']);
  });

  it('draws a log axis in powers of ten and leaves out values at or below zero', () => {
    const svg = chartSvg({ ...base, yLog: true, series: [{ label: 'a', color: 'red', points: [[0, 100], [1, 0], [2, 0.01]] }] });
    expect(pathPoints(svg)).toHaveLength(2);
    // 0.01 to 100, padded: six decades thinned to every other one.
    expect(tickTexts(svg).slice(0, 2)).toEqual(['0.1', '10']);
    expect(svg).toContain('>0.1</text>');
  });

  it('styles series and draws dots, reference lines and markers', () => {
    const svg = chartSvg({
      ...base,
      series: [
        { label: 'train', color: 'var(--dl-train)', points: [[1, 1], [2, 0.5]] },
        { label: 'test', color: 'var(--dl-test)', points: [[1, 1.2], [2, 0.7]], dashed: true },
        { label: 'validation', color: 'var(--dl-val)', points: [[1, 1.1], [2, 0.6]], dotted: true, markers: true },
      ],
      dots: [{ color: 'var(--dl-muted)', points: [[1, 0.9], [2, 0.4], [3, Number.NaN]] }],
      lines: [{ y: 0.3, label: 'best', color: 'var(--dl-ok)' }],
    });
    const paths = [...svg.matchAll(/<path [^>]*\/>/g)].map((m) => m[0]);
    expect(paths[0]).toContain('style="stroke:var(--dl-train)"');
    expect(paths[0]).not.toContain('stroke-dasharray');
    expect(paths[1]).toContain('stroke-dasharray="5 3"');
    expect(paths[2]).toContain('stroke-dasharray="1 3" stroke-linecap="round"');
    // Two finite dots and two markers on the dotted series.
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).toContain('style="fill:var(--dl-ok)">best</text>');
  });

  it('escapes text, says what it shows in its label, and leaves out an empty y label', () => {
    const svg = chartSvg({ title: 'a <b> & "c"', xLabel: 'x<1', yLabel: '', summary: 'train 0.5', series: [] });
    expect(svg).toContain('aria-label="a &lt;b&gt; &amp; &quot;c&quot;. train 0.5"');
    expect(svg).toContain('>x&lt;1</text>');
    expect(svg.match(/class="chart-label"/g)).toHaveLength(1);
    expect(chartSvg({ ...base, series: [] }).match(/class="chart-label"/g)).toHaveLength(2);
  });

  it('keeps a flat or empty chart drawable', () => {
    const flat = chartSvg({ ...base, series: [{ label: 'a', color: 'red', points: [[1, 2], [2, 2]] }] });
    const ys = pathPoints(flat).map((p) => p[1]);
    expect(ys[0]).toBe(ys[1]);
    expect(ys.every(Number.isFinite)).toBe(true);
    expect(chartSvg({ ...base })).toMatch(/^<svg class="chart" [^>]*role="img"/);
  });

  it('without padding, the data fill the plot area exactly', () => {
    const svg = chartSvg({ ...base, height: 200, yPad: false, series: [{ label: 'a', color: 'red', points: [[1, 3], [2, 1]] }] });
    expect(pathPoints(svg).map((p) => p[1])).toEqual([10, 166]);
  });
});

describe('chart helpers', () => {
  it('ticks are nice numbers covering the range', () => {
    expect(ticks(0, 1)).toEqual([0, 0.5, 1]);
    expect(ticks(0, 1, 10)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(ticks(1, 100)).toEqual([50, 100]);
    expect(ticks(3, 3)).toEqual([3]);
  });

  it('short numbers keep three significant digits', () => {
    expect([0, 0.123456, 1234.5, 123456, 0.0001].map(shortNumber)).toEqual(['0', '0.123', '1230', '1.2e+5', '1.0e-4']);
  });

  it('the legend escapes labels and marks dashed series', () => {
    expect(legendHtml([{ label: 'a<b', color: 'red', dashed: true }])).toBe(
      '<ul class="ia-legend"><li><span class="ia-swatch ia-dashed" style="border-color:red"></span>a&lt;b</li></ul>',
    );
    expect(escapeXml('<&>"')).toBe('&lt;&amp;&gt;&quot;');
  });
});
