/**
 * Completion of the names the language knows (layers, train settings, losses, optimizers,
 * datasets and their options), chosen by where the cursor is: the first word of a net item
 * is a layer, the word after `loss` a loss, after `on` a dataset, and so on. The names come
 * from the compiler's own vocabulary so the editor never offers what the compiler rejects.
 */
import type { CompletionContext, CompletionResult, Completion } from '@codemirror/autocomplete';

export interface Word {
  name: string;
  detail?: string;
  /** Option names accepted after the word (`stride`, `lr`, `noise`). */
  options?: readonly string[];
  /** Bare words accepted after it (`full` after `batch`). */
  values?: readonly string[];
}

export interface DlVocabulary {
  layers: readonly Word[];
  settings: readonly Word[];
  losses: readonly Word[];
  optimizers: readonly Word[];
  datasets: readonly Word[];
}

type Place =
  | { kind: 'words'; words: readonly Word[]; type: string }
  | { kind: 'options'; options: readonly string[] }
  | { kind: 'none' };

const WORD = /[A-Za-z_][A-Za-z0-9_]*$/;

function find(words: readonly Word[], name: string | undefined): Word | undefined {
  return words.find((w) => w.name === name);
}

/** Where the cursor is, from the text before it (comments removed so a `<` in one does not count). */
export function placeAt(before: string, vocab: DlVocabulary, netNames: readonly string[]): Place {
  const text = before.replace(/#[^\n]*/g, ' ');
  const open = text.lastIndexOf('<');
  const close = text.lastIndexOf('>');
  const typing = WORD.exec(text)?.[0] ?? '';
  if (open > close) {
    const header = text.slice(close + 1, open).trim().split(/\s+/);
    const item = text.slice(Math.max(open, text.lastIndexOf(';')) + 1, text.length - typing.length);
    const words = item.split(/\s+/).filter(Boolean);
    const inNet = header[0] === 'net';
    if (words.length === 0) {
      return inNet ? { kind: 'words', words: vocab.layers, type: 'function' } : { kind: 'words', words: vocab.settings, type: 'keyword' };
    }
    if (inNet) return { kind: 'options', options: find(vocab.layers, words[0])?.options ?? [] };
    if (words[0] === 'loss' && words.length === 1) return { kind: 'words', words: vocab.losses, type: 'constant' };
    if (words[0] === 'optimizer') {
      if (words.length === 1) return { kind: 'words', words: vocab.optimizers, type: 'constant' };
      return { kind: 'options', options: find(vocab.optimizers, words[1])?.options ?? [] };
    }
    return { kind: 'words', words: find(vocab.settings, words[0])?.values?.map((name) => ({ name })) ?? [], type: 'constant' };
  }
  const statement = text.slice(close + 1, text.length - typing.length).trim().split(/\s+/).filter(Boolean);
  if (statement.length === 0) return { kind: 'words', words: [{ name: 'net' }, { name: 'train' }], type: 'keyword' };
  const last = statement[statement.length - 1];
  if (statement[0] === 'train' && statement.length === 1) {
    return { kind: 'words', words: netNames.map((name) => ({ name, detail: 'net' })), type: 'class' };
  }
  if (last === 'on') return { kind: 'words', words: vocab.datasets, type: 'constant' };
  const on = statement.indexOf('on');
  if (statement[0] === 'train' && on > 0 && statement.length > on + 1) {
    return { kind: 'options', options: find(vocab.datasets, statement[on + 1])?.options ?? [] };
  }
  return { kind: 'none' };
}

/** A completion source for `@codemirror/autocomplete` over the given vocabulary. */
export function dlCompletion(vocab: DlVocabulary) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z_][A-Za-z0-9_]*/);
    if (!word && !context.explicit) return null;
    const from = word ? word.from : context.pos;
    const doc = context.state.doc.toString();
    const netNames = [...doc.matchAll(/\bnet\s+([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
    const place = placeAt(doc.slice(0, context.pos), vocab, netNames);
    let options: Completion[];
    if (place.kind === 'words') {
      options = place.words.map((w) => ({ label: w.name, detail: w.detail, type: place.type }));
    } else if (place.kind === 'options') {
      options = place.options.map((o) => ({ label: `${o}=`, type: 'property' }));
    } else {
      return null;
    }
    if (options.length === 0) return null;
    return { from, options, validFor: /^[A-Za-z_][A-Za-z0-9_]*=?$/ };
  };
}
