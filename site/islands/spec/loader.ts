/**
 * The only island code a lesson loads before the reader interacts: it gives every static
 * spec (`[data-spec-island]`) an Edit and a Train button. The editor bundle (CodeMirror and
 * the compiler) is imported when the reader first reaches for a button, and TensorFlow.js
 * only inside a worker, started when the reader heads for a trainable island (warm-up.ts)
 * or trains. Keep this file free of heavy imports.
 */
import { specKey, loadEdit } from './spec-store.ts';
import { islandSource } from './island-source.ts';
import { warmOnIntent } from './warm-up.ts';
import { warmWorker } from './worker-pool.ts';
import './loader.css';

type LiveModule = typeof import('./live-spec.ts');
let liveModule: Promise<LiveModule> | null = null;

/** Starts fetching the editor bundle once; focus or hover on a control warms it before the click. */
function loadLive(): Promise<LiveModule> {
  liveModule ??= import('./live-spec.ts');
  return liveModule;
}

function button(label: string, action: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'dl-btn';
  b.textContent = label;
  b.dataset.action = action;
  return b;
}

/** Returns true when the island can train (its spec has a train block). */
function enhance(island: HTMLElement, index: number): boolean {
  const mount = island.querySelector<HTMLElement>('[data-spec-live]');
  if (!mount || mount.dataset.enhanced) return false;
  mount.dataset.enhanced = 'loader';
  const original = islandSource(island);
  const key = specKey(location.pathname, index, original);

  const bar = document.createElement('div');
  bar.className = 'dl-live-bar';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', 'Try this spec');
  const edit = button('Edit', 'edit');
  const trainBtn = button('Train', 'train');
  const note = document.createElement('span');
  note.className = 'dl-live-note';
  note.setAttribute('role', 'status');
  const saved = loadEdit(key);
  if (saved !== null) note.textContent = 'You edited this spec; your version is saved in this browser.';
  // A spec without a train block has nothing to train until the reader writes one.
  trainBtn.hidden = !/^\s*train\b/m.test(saved ?? original);
  bar.append(edit, trainBtn, note);
  mount.append(bar);

  bar.addEventListener('pointerenter', () => void loadLive(), { once: true });
  bar.addEventListener('focusin', () => void loadLive(), { once: true });
  bar.addEventListener('click', async (event) => {
    const action = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
    if (!action || mount.dataset.enhanced !== 'loader') return;
    mount.dataset.enhanced = 'loading';
    edit.disabled = trainBtn.disabled = true;
    note.textContent = 'Loading the editor…';
    try {
      const live = await loadLive();
      bar.remove();
      live.mountLiveSpec(island, mount, { key, original, train: action === 'train' });
    } catch {
      mount.dataset.enhanced = 'loader';
      edit.disabled = trainBtn.disabled = false;
      liveModule = null;
      note.textContent = 'The editor could not be loaded. Check your connection and try again.';
    }
  });
  return !trainBtn.hidden;
}

function enhanceAll(): void {
  const trainable = [...document.querySelectorAll<HTMLElement>('[data-spec-island]')].filter((island, i) => enhance(island, i));
  // Ahead of a Train click: the editor bundle, and a worker with TensorFlow.js and the wasm.
  warmOnIntent(trainable, () => {
    loadLive().catch(() => {
      liveModule = null;
    });
    warmWorker();
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', enhanceAll, { once: true });
else enhanceAll();
