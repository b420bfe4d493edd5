/**
 * A CodeMirror 6 editor for `dl`: highlighting, the compiler's diagnostics inline,
 * completion of the language's names, undo history, and the usual keys. Tab moves focus
 * out of the editor (CodeMirror's default), so keyboard users are never trapped.
 */
import { EditorState } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { bracketMatching, indentOnInput } from '@codemirror/language';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { autocompletion, completionKeymap } from '@codemirror/autocomplete';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import type { Diagnostic } from 'dlc';
import { dlLanguage } from './dl-language.ts';
import { dlHighlighting } from './dl-highlight.ts';
import { dlLinter } from './dl-lint.ts';
import { dlCompletion, type DlVocabulary } from './dl-completion.ts';

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Accessible name of the editing area. */
  label: string;
  vocabulary: DlVocabulary;
  /** Compiles the text and returns its diagnostics; called after each pause in typing. */
  check: (text: string) => readonly Diagnostic[];
  onChange: (text: string) => void;
}

export function createEditor(opts: EditorOptions): EditorView {
  return new EditorView({
    parent: opts.parent,
    state: EditorState.create({
      doc: opts.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        highlightActiveLine(),
        EditorView.lineWrapping,
        dlLanguage,
        dlHighlighting,
        autocompletion({ override: [dlCompletion(opts.vocabulary)] }),
        dlLinter(opts.check),
        lintGutter(),
        keymap.of([...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap]),
        EditorView.contentAttributes.of({ 'aria-label': opts.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) opts.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
}

/** Replaces the whole text as one undoable change. */
export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
