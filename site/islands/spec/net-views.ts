/**
 * The island follows the edit: the static view's per-net parts (summary table, diagram,
 * PyTorch model, built by SpecNet.astro) are drawn again from the edited graph with the same
 * renderers the build used (integration/render/). New sections are shallow clones of the
 * built ones, so they keep the component's scoped-style attributes and show only the parts
 * the page showed. While the spec has errors the last good views stay, marked
 * `data-spec-stale`; back at the original text, the built sections return untouched.
 */
import { findNet, type TypedGraph } from 'dlc';
import { renderSummaryTable } from '../../../integration/render/summary.ts';
import { renderDiagram } from '../../../integration/render/diagram.ts';
import { pytorchModel, renderPyTorchHtml } from '../../../integration/render/pytorch.ts';

export class NetViews {
  private readonly island: HTMLElement;
  private readonly original: string;
  /** The sections the build wrote, kept to put back when the text is the original again. */
  private readonly built: HTMLElement[];
  private shown: HTMLElement[];
  private shownSource: string;

  constructor(island: HTMLElement, original: string) {
    this.island = island;
    this.original = original;
    this.built = [...island.querySelectorAll<HTMLElement>(':scope > section.spec-net')];
    this.shown = this.built;
    this.shownSource = original;
  }

  /** After each compile: redraw from `graph`, or mark the views stale when there is none. */
  update(source: string, graph: TypedGraph | null): void {
    const template = this.built[0];
    if (!template || source === this.shownSource) return;
    const wanted = this.island.dataset.specNet;
    const all = graph?.nets ?? [];
    const nets = all.some((n) => n.name === wanted) ? all.filter((n) => n.name === wanted) : all;
    if (!graph || nets.length === 0) {
      for (const s of this.shown) s.dataset.specStale = '';
      return;
    }
    const next = source === this.original ? this.built : nets.map((net) => this.section(template, graph, net.name));
    // Keep open what the reader opened.
    next.forEach((s, i) => {
      const was = this.shown[i]?.querySelector('details');
      const now = s.querySelector('details');
      if (was && now) now.open = was.open;
      delete s.dataset.specStale;
    });
    this.shown[0].before(...next);
    for (const s of this.shown) if (!next.includes(s)) s.remove();
    this.shown = next;
    this.shownSource = source;
  }

  private section(template: HTMLElement, graph: TypedGraph, name: string): HTMLElement {
    const net = findNet(graph, name);
    const section = template.cloneNode(false) as HTMLElement;
    section.setAttribute('aria-label', `Net ${name}`);
    const views = template.querySelector('.spec-net-views');
    if (views) {
      const copy = views.cloneNode(false) as HTMLElement;
      copy.innerHTML = (views.querySelector('.spec-table-wrap') ? renderSummaryTable(net) : '') +
        (views.querySelector('.spec-diagram') ? renderDiagram(net) : '');
      section.append(copy);
    }
    const details = template.querySelector('details.spec-pytorch');
    if (details) {
      const copy = details.cloneNode(false) as HTMLDetailsElement;
      const summary = details.querySelector('summary');
      if (summary) copy.append(summary.cloneNode(true));
      copy.insertAdjacentHTML('beforeend', renderPyTorchHtml(pytorchModel(graph, name)));
      section.append(copy);
    }
    return section;
  }
}
