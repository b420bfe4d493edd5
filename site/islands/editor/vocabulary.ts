/**
 * The names the editor completes, from the compiler's vocabulary (built from its registries
 * of layers, settings, losses, optimizers and data sets), so completion offers exactly what
 * the compiler accepts, each with its one-line doc.
 */
import { VOCABULARY as WORDS, type WordKind } from 'dlc';
import type { DlVocabulary, Word } from './dl-completion.ts';

function words(kind: WordKind): Word[] {
  return WORDS.filter((w) => w.kind === kind).map((w) => ({
    name: w.name,
    detail: w.usage ?? w.doc,
    options: WORDS.filter((o) => o.kind === 'option' && o.owner === w.name && o.name !== 'full').map((o) => o.name),
    values: WORDS.filter((o) => o.kind === 'option' && o.owner === w.name && o.name === 'full').map((o) => o.name),
  }));
}

export const VOCABULARY: DlVocabulary = {
  layers: words('layer'),
  settings: words('setting'),
  losses: words('loss'),
  optimizers: words('optimizer'),
  datasets: words('dataset'),
};
