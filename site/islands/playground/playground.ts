/**
 * The playground page (/playground/): the live spec editor on a spec of the reader's own,
 * started from the spec in the link, or a dataset's starter. Around the live island
 * (site/islands/spec/live-spec.ts, used through its mount function) it adds a dataset picker,
 * the summary of the spec as edited, a PyTorch program download and the Share button.
 *
 * The editor and the compiler load with the page; TensorFlow.js only when Train starts (the
 * live island trains in a worker). Text from a link goes into the editor and into text nodes,
 * never into HTML. `data-pg-ready` on the root says the editor is up (for tests and styles).
 */
import { EditorView } from '@codemirror/view';
import { StateEffect } from '@codemirror/state';
import { mountLiveSpec } from '../spec/live-spec.ts';
import { specKey } from '../spec/spec-store.ts';
import { downloadBytes } from '../spec/download.ts';
import { compileSpec } from '../editor/compile-spec.ts';
import { toPyTorch } from 'dlc/emit';
import { chooseNet, LookupError, orNone, trainBlock, type TypedGraph } from 'dlc';
import { MAX_LINK_CHARS, canShare, decodeSpec, encodeSpec } from './share-link.ts';
import { renderSummary } from './summary.ts';
import { DEFAULT_SPEC, STARTERS } from './starters.ts';
// The live island's colours and controls, which a lesson gets from its loader.
import '../spec/loader.css';

const SUMMARY_DELAY_MS = 250;

/** A fragment the Share button made (or a damaged one): not an in-page anchor such as #main. */
function isSpecLink(hash: string): boolean {
  return /^#?spec=/.test(hash);
}

function part<T extends HTMLElement>(root: HTMLElement, name: string): T {
  const e = root.querySelector<T>(`[data-pg-${name}]`);
  if (!e) throw new Error(`playground: the page lacks [data-pg-${name}]`);
  return e;
}

class Playground {
  private readonly root: HTMLElement;
  private readonly message: HTMLElement;
  private readonly status: HTMLElement;
  private readonly dataset: HTMLSelectElement;
  private readonly shareOut: HTMLElement;
  private readonly link: HTMLInputElement;
  private readonly summary: HTMLElement;
  private readonly live: HTMLElement;
  private view!: EditorView;
  private summaryTimer = 0;
  /** The fragment this page wrote itself, so its own change is not taken for a new link. */
  private ownHash = '';
  /**
   * The fragment that reopens the spec the editor was mounted with, whose storage key holds
   * the reader's edits: the address goes back to it on the first edit after a Share, so a
   * reload shows the latest edits rather than the shared version.
   */
  private mountHash = '';

  constructor(root: HTMLElement) {
    this.root = root;
    this.message = part(root, 'message');
    this.status = part(root, 'status');
    this.dataset = part(root, 'dataset');
    this.shareOut = part(root, 'share-out');
    this.link = part(root, 'link');
    this.summary = part(root, 'summary');
    this.live = part(root, 'live');
  }

  async start(): Promise<void> {
    const original = await this.specFromLink();
    // Edits are kept per starting spec, as in lessons: a fresh browser shows the link's spec
    // exactly; this browser shows the reader's edits of it, and Reset brings the link's back.
    mountLiveSpec(this.root, this.live, { key: specKey('/playground/', 0, original), original, train: false });
    const editor = this.root.querySelector<HTMLElement>('.cm-editor');
    const view = editor && EditorView.findFromDOM(editor);
    if (!view) throw new Error('playground: the live island mounted no editor');
    this.view = view;
    view.dispatch({
      effects: StateEffect.appendConfig.of(EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          this.scheduleSummary();
          this.restoreAddress();
        }
      })),
    });
    this.updateSummary();

    this.dataset.addEventListener('change', () => this.pickDataset());
    part(this.root, 'share').addEventListener('click', () => void this.share());
    part(this.root, 'python').addEventListener('click', () => this.downloadPython());
    this.link.addEventListener('focus', () => this.link.select());
    // A different link pasted into this tab's address bar changes only the fragment: the
    // page is not reloaded by the browser, so reload it to open that spec.
    // In-page anchors (the skip link's #main) change the fragment too: only a spec link counts.
    window.addEventListener('hashchange', () => {
      if (location.hash !== this.ownHash && isSpecLink(location.hash)) location.reload();
    });
    this.root.dataset.pgReady = 'true';
  }

  /** The spec of the link, or the default spec with a message saying why the link gave none. */
  private async specFromLink(): Promise<string> {
    this.ownHash = location.hash;
    if (!isSpecLink(location.hash)) return DEFAULT_SPEC;
    const decoded = canShare()
      ? await decodeSpec(location.hash)
      : { problem: 'This browser cannot read spec links (it has no CompressionStream)' };
    if ('text' in decoded) {
      this.mountHash = location.hash;
      this.status.textContent = 'Opened the spec from the link.';
      return decoded.text;
    }
    this.showMessage(`${decoded.problem}. Showing the default spec instead.`);
    this.root.dataset.pgLink = 'broken';
    return DEFAULT_SPEC;
  }

  private restoreAddress(): void {
    if (location.hash === this.mountHash || !isSpecLink(location.hash)) return;
    this.ownHash = this.mountHash;
    history.replaceState(history.state, '', `${location.pathname}${location.search}${this.mountHash}`);
    this.shareOut.hidden = true;
  }

  private showMessage(text: string): void {
    this.message.textContent = text;
    this.message.hidden = text === '';
  }

  private text(): string {
    return this.view.state.doc.toString();
  }

  private scheduleSummary(): void {
    window.clearTimeout(this.summaryTimer);
    this.summaryTimer = window.setTimeout(() => this.updateSummary(), SUMMARY_DELAY_MS);
  }

  private updateSummary(): void {
    const text = this.text();
    const { graph } = compileSpec(text);
    if (!graph) {
      const note = document.createElement('p');
      note.className = 'pg-note';
      note.textContent = 'The spec has errors (listed under the editor): its summary shows once it compiles.';
      this.summary.replaceChildren(note);
      this.summary.dataset.state = 'errors';
      return;
    }
    this.summary.replaceChildren(...renderSummary(graph, text));
    this.summary.dataset.state = 'ok';
    const used = graph.trains.length > 0 ? trainBlock(graph).dataset.name : undefined;
    this.dataset.value = STARTERS.some((s) => s.dataset === used) ? used! : '';
  }

  /** Replaces the spec with the dataset's starter, as one undoable edit. */
  private pickDataset(): void {
    const starter = STARTERS.find((s) => s.dataset === this.dataset.value);
    if (!starter) return;
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: starter.spec } });
    this.updateSummary();
    this.status.textContent = `The spec is now the ${starter.dataset} starter (Ctrl+Z or ⌘Z in the editor brings yours back).`;
  }

  private async share(): Promise<void> {
    if (!canShare()) {
      this.showMessage('This browser cannot make spec links (it has no CompressionStream). Download the spec (.dl) and send the file instead.');
      return;
    }
    const fragment = `#${await encodeSpec(this.text())}`;
    const url = `${location.origin}${location.pathname}${fragment}`;
    if (url.length > MAX_LINK_CHARS) {
      this.shareOut.hidden = true;
      this.showMessage(
        `This spec is too long to share by link: its link would be ${url.length.toLocaleString('en-US')} characters, ` +
        `and links are kept under ${MAX_LINK_CHARS.toLocaleString('en-US')}. Download the spec (.dl) and send the file instead.`);
      this.root.dataset.pgShared = 'too-long';
      return;
    }
    this.showMessage('');
    this.ownHash = fragment;
    history.replaceState(history.state, '', fragment);
    this.link.value = url;
    this.shareOut.hidden = false;
    this.root.dataset.pgShared = 'ok';
    try {
      await navigator.clipboard.writeText(url);
      this.status.textContent = 'Link copied. It is also in the address bar and below.';
    } catch {
      this.link.focus();
      this.status.textContent = 'The link is in the address bar and below, selected: press Ctrl+C (⌘C) to copy it.';
    }
  }

  private downloadPython(): void {
    const { graph } = compileSpec(this.text());
    if (!graph) {
      this.status.textContent = 'Fix the errors in the spec to download its PyTorch program.';
      return;
    }
    // The net chosen in the live island's "Train block" picker, when the spec has several.
    const chosen = this.live.querySelector<HTMLSelectElement>('select[id$="-net"]')?.value;
    let net: string;
    try {
      // A choice the edited spec no longer has falls back to the spec's own pick.
      net = (chooseNetOrNull(graph, chosen) ?? chooseNet(graph)).net.name;
    } catch (e) {
      if (!(e instanceof LookupError)) throw e;
      this.status.textContent = 'The spec declares no net: there is no PyTorch program to download yet.';
      return;
    }
    const file = net.toLowerCase();
    try {
      const program = toPyTorch(graph, { net, mode: 'program', source: `${file}.dl` });
      downloadBytes(new TextEncoder().encode(program), `${file}.py`, 'text/x-python');
      this.status.textContent = `Downloaded ${file}.py: run it with python ${file}.py (PyTorch needed).`;
    } catch (e) {
      this.status.textContent = `No PyTorch program for this spec: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
}

async function main(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-playground]');
  if (!root) return;
  try {
    await new Playground(root).start();
  } catch (e) {
    const message = root.querySelector<HTMLElement>('[data-pg-message]');
    if (message) {
      message.textContent = `The playground could not start: ${e instanceof Error ? e.message : String(e)}. Reload the page to try again.`;
      message.hidden = false;
    }
    root.dataset.pgReady = 'failed';
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void main(), { once: true });
else void main();

/** The net `name` picks (with its train block), or null when there is no such name or net. */
function chooseNetOrNull(graph: TypedGraph, name: string | undefined): ReturnType<typeof chooseNet> | null {
  return name ? orNone(() => chooseNet(graph, name)) ?? null : null;
}
