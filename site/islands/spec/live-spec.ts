/**
 * A live spec: the editor bundle the loader imports on first interaction. It replaces the
 * static code with an editor that checks the spec as the reader types (spec-editor.ts),
 * trains it in a worker, TensorFlow.js being fetched only then (spec-training.ts), offers
 * the PyTorch program and downloads (spec-downloads.ts), and redraws the static view's
 * summary, diagram and PyTorch model from the edited spec (net-views.ts). This file only
 * puts the parts on the page and wires them together.
 */
/// <reference types="vite/client" />
import { SpecEditor } from './spec-editor.ts';
import { SpecTraining } from './spec-training.ts';
import { SpecDownloads } from './spec-downloads.ts';
import { NetViews } from './net-views.ts';
import { el } from './dom.ts';
import liveCss from './live-spec.css?inline';

export interface MountOptions {
  /** Storage key of this spec's edits. */
  key: string;
  original: string;
  /** Start training at once (the reader clicked Train rather than Edit). */
  train: boolean;
}

let nextId = 0;

function mount(island: HTMLElement, mountEl: HTMLElement, opts: MountOptions): void {
  const id = `dl-live-${nextId++}`;
  const netViews = new NetViews(island, opts.original);
  // The parts need each other only through these late-bound calls: the editor reports each
  // compile, training and downloads read the spec as it is now.
  let training: SpecTraining | null = null;
  let downloads: SpecDownloads | null = null;
  const editor = new SpecEditor({
    key: opts.key,
    original: opts.original,
    island,
    mount: mountEl,
    id,
    onChecked: (compiled) => {
      training?.update(compiled);
      downloads?.refresh();
      netViews.update(compiled.source, compiled.graph);
    },
  });
  training = new SpecTraining({
    island,
    mount: mountEl,
    id,
    current: () => editor.current(),
    onWeights: (weights) => downloads?.setWeights(weights),
  }, editor.compiled);
  downloads = new SpecDownloads({
    island,
    text: () => editor.text(),
    compiled: () => editor.compiled,
    net: () => training?.net ?? '',
  });

  // The editor takes the static code's place; the static summary and diagram stay (redrawn
  // after edits), and the training controls and views follow them in the mount.
  const root = el('div', { class: 'dl-live' });
  root.append(...training.elements, ...downloads.elements);
  mountEl.replaceChildren(root);
  const code = staticCode(island, mountEl);
  if (code) {
    code.hidden = true;
    code.after(editor.element);
  } else {
    mountEl.prepend(editor.element);
  }

  editor.open();
  training.ready();
  mountEl.dataset.enhanced = 'live';

  if (opts.train) training.train();
  else editor.focus();
}

/** The static view's highlighted source, which the editor replaces. */
function staticCode(island: HTMLElement, mountEl: HTMLElement): HTMLElement | undefined {
  return island.querySelector<HTMLElement>('[data-spec-code], .spec-source') ?? [...island.querySelectorAll<HTMLElement>('pre')].find((p) => !mountEl.contains(p));
}

/**
 * The live view's styles arrive with its code rather than as a stylesheet link: Astro would
 * put a CSS import of this lazily loaded module on every lesson's first load.
 */
function addStyles(): void {
  if (document.getElementById('dl-live-styles')) return;
  const style = document.createElement('style');
  style.id = 'dl-live-styles';
  style.textContent = liveCss;
  document.head.append(style);
}

export function mountLiveSpec(island: HTMLElement, mountEl: HTMLElement, opts: MountOptions): void {
  addStyles();
  mount(island, mountEl, opts);
}
