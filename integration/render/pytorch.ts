/**
 * A net's PyTorch view: the model's code (the same text at build time and live), and a small
 * highlighter for the live island. The build highlights with Shiki (`<Code>` in
 * SpecNet.astro); shipping Shiki to the browser would cost about 68 KB gzipped (259 KB
 * minified: its core, the JavaScript regex engine, the Python grammar and both themes), more
 * than this view is worth. So the island colours only the tokens whose colour does not depend
 * on context — keywords, strings, numbers, comments, class and function names, `super` and
 * `True`/`False`/`None` — with the colours Shiki gives them in the spec view's themes, inside
 * the same `<pre class="astro-code …">` frame; the rest keeps the theme's text colour.
 * tests/integration/render.test.ts holds every coloured character to Shiki's colour for it.
 */
import type { TypedGraph } from '../../compiler/index.ts';
import { toPyTorch } from '../../compiler/emit/index.ts';
import { escapeHtml as esc } from './escape.ts';

/** The model's code as the spec view shows it. */
export function pytorchModel(graph: TypedGraph, net: string): string {
  return toPyTorch(graph, { net, mode: 'model' }).trimEnd();
}

/** Shiki's colours in the spec view's themes (themes.ts: github-light-default / github-dark-default), light then dark. */
const COLOURS = {
  text: ['#1F2328', '#E6EDF3'],
  keyword: ['#CF222E', '#FF7B72'],
  string: ['#0A3069', '#A5D6FF'],
  constant: ['#0550AE', '#79C0FF'],
  comment: ['#6E7781', '#8B949E'],
  className: ['#953800', '#FFA657'],
  functionName: ['#8250DF', '#D2A8FF'],
} as const;
type Kind = keyof typeof COLOURS;

/** The `<pre>` Shiki writes for these themes, so the live view sits in the same frame. */
const PRE = '<pre class="astro-code astro-code-themes github-light-default github-dark-default" ' +
  'style="background-color:#ffffff;--shiki-dark-bg:#0d1117;color:#1f2328;--shiki-dark:#e6edf3; overflow-x: auto;" ' +
  'tabindex="0" data-language="python">';

const KEYWORDS = new Set(['import', 'from', 'class', 'def', 'return', 'if', 'else', 'elif', 'for', 'in', 'while', 'not', 'and', 'or', 'as', 'with', 'pass', 'lambda', 'is']);
const CONSTANTS = new Set(['True', 'False', 'None', 'super']);
/** One token: a comment, a string (a triple-quoted one may run to the line's end), a number, a name, ` = `, or any other character. */
const TOKEN = /#.*|"""(?:[^"]|"(?!""))*(?:"""|$)|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\b\d+(?:\.\d+)?(?:e-?\d+)?\b|[A-Za-z_]\w*|(?<= )=(?= )|\s+|./g;

/** Splits code into coloured runs, line by line. */
function tokenize(code: string): Array<Array<[Kind, string]>> {
  let inDocstring = false;
  return code.split('\n').map((line) => {
    const out: Array<[Kind, string]> = [];
    let rest = line;
    if (inDocstring) {
      const end = line.indexOf('"""');
      const upto = end < 0 ? line.length : end + 3;
      out.push(['string', line.slice(0, upto)]);
      inDocstring = end < 0;
      rest = line.slice(upto);
    }
    let previous = '';
    for (const [t] of rest.matchAll(TOKEN)) {
      let kind: Kind = 'text';
      if (t.startsWith('#')) kind = 'comment';
      else if (t.startsWith('"""')) {
        kind = 'string';
        inDocstring = t.length < 6 || !t.endsWith('"""');
      } else if (t.startsWith('"') || t.startsWith("'")) kind = 'string';
      else if (/^\d/.test(t)) kind = 'constant';
      else if (KEYWORDS.has(t) || t === '=') kind = 'keyword';
      else if (CONSTANTS.has(t)) kind = 'constant';
      else if (previous === 'class') kind = 'className';
      else if (previous === 'def') kind = /^__\w+__$/.test(t) ? 'constant' : 'functionName';
      if (!/^\s+$/.test(t)) previous = t;
      const last = out.at(-1);
      if (last && (last[0] === kind || /^\s+$/.test(t))) last[1] += t;
      else out.push([kind, t]);
    }
    return out;
  });
}

/**
 * @example
 * renderPyTorchHtml('import torch')
 * // '<pre class="astro-code …"><code><span class="line"><span style="color:#CF222E;--shiki-dark:#FF7B72">import</span>…'
 */
export function renderPyTorchHtml(code: string): string {
  const lines = tokenize(code).map((runs) =>
    `<span class="line">${runs.map(([kind, text]) => `<span style="color:${COLOURS[kind][0]};--shiki-dark:${COLOURS[kind][1]}">${esc(text)}</span>`).join('')}</span>`);
  return `${PRE}<code>${lines.join('\n')}</code></pre>`;
}
