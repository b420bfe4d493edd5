/**
 * Every name the language knows, with a one-line doc: for editor completion and hover,
 * and for the docs. Built from the registries, so it cannot drift from the checker.
 */
import { DATASETS } from '../graph/datasets.ts';
import { INPUT_DOC, LAYERS } from './layers.ts';
import { LOSSES, OPTIMIZERS, SETTINGS } from './settings.ts';

export type WordKind = 'keyword' | 'layer' | 'setting' | 'loss' | 'optimizer' | 'dataset' | 'option';

export interface Word {
  name: string;
  kind: WordKind;
  doc: string;
  /** How it is written, e.g. `linear I->O [bias=false]`. */
  usage?: string;
  /** For options: the layer, optimizer or dataset that takes it. */
  owner?: string;
  /** The PyTorch equivalent, where there is one. */
  torch?: string;
}

function build(): Word[] {
  const words: Word[] = [
    { name: 'net', kind: 'keyword', doc: 'declares a net: `net Name < layers >`', usage: 'net Name < ... >' },
    { name: 'train', kind: 'keyword', doc: 'trains a net on a dataset: `train Name on dataset < settings >`', usage: 'train Name on dataset < ... >' },
    { name: 'on', kind: 'keyword', doc: 'names the dataset of a `train`' },
    { name: 'input', kind: 'layer', doc: INPUT_DOC, usage: 'input SHAPE' },
  ];
  for (const rule of Object.values(LAYERS)) {
    words.push({ name: rule.op, kind: 'layer', doc: rule.doc, usage: rule.sig.usage, torch: rule.torch });
    for (const [key, spec] of Object.entries(rule.sig.options)) words.push({ name: key, kind: 'option', owner: rule.op, doc: spec.doc });
  }
  for (const [name, info] of Object.entries(SETTINGS)) {
    words.push({ name, kind: 'setting', doc: `${info.doc} (default: ${info.default})`, usage: info.sig.usage });
  }
  for (const [name, info] of Object.entries(LOSSES)) words.push({ name, kind: 'loss', doc: info.doc, torch: info.torch });
  for (const [name, info] of Object.entries(OPTIMIZERS)) {
    words.push({ name, kind: 'optimizer', doc: info.doc, usage: info.sig.usage, torch: info.torch });
    for (const [key, spec] of Object.entries(info.sig.options)) words.push({ name: key, kind: 'option', owner: name, doc: spec.doc });
  }
  for (const info of Object.values(DATASETS)) {
    const opts = Object.keys(info.options).map((k) => ` ${k}=...`).join('');
    words.push({ name: info.name, kind: 'dataset', doc: info.doc, usage: `on ${info.name}${opts}` });
    for (const [key, spec] of Object.entries(info.options)) words.push({ name: key, kind: 'option', owner: info.name, doc: spec.doc });
  }
  words.push({ name: 'full', kind: 'option', owner: 'batch', doc: 'the whole training set in one batch' });
  words.push({ name: 'true', kind: 'option', doc: 'a boolean option value' });
  words.push({ name: 'false', kind: 'option', doc: 'a boolean option value, e.g. `bias=false`' });
  return words;
}

export const VOCABULARY: readonly Word[] = build();
