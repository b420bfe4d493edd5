/**
 * The editing half of a live spec: the CodeMirror editor that replaces the static code, the
 * spec compiled as the reader types, its diagnostics listed under the editor (each a button
 * to the place), and the edit kept in the browser (spec-store.ts) with a Reset button.
 * Whoever owns the editor hears of every compile through `onChecked`, before the
 * `dl-spec-checked` event goes to the page.
 */
import type { EditorView } from '@codemirror/view';
import type { Diagnostic } from 'dlc';
import { createEditor, setText } from '../editor/create-editor.ts';
import { compileSpec, type Compiled } from '../editor/compile-spec.ts';
import { VOCABULARY } from '../editor/vocabulary.ts';
import { saveEdit, clearEdit, loadEdit } from './spec-store.ts';
import { button, el } from './dom.ts';
import { SPEC_CHECKED, type SpecCheckedDetail } from './events.ts';
import { plural } from './run-text.ts';

export interface EditorSetup {
  /** Storage key of this spec's edits. */
  key: string;
  original: string;
  /** The island the `dl-spec-checked` events bubble from. */
  island: HTMLElement;
  /** Carries `data-edited`. */
  mount: HTMLElement;
  id: string;
  onChecked: (compiled: Compiled) => void;
}

export class SpecEditor {
  /** The editor with its edit state and diagnostics, to put where the static code was. */
  readonly element = el('div', { class: 'dl-live dl-editor-block' });
  private readonly setup: EditorSetup;
  private view: EditorView | null = null;
  private compiledNow: Compiled;
  private readonly initial: string;
  private saveTimer = 0;
  /** False once the browser refused to store an edit. */
  private stored = true;
  private readonly editorWrap = el('div', { class: 'dl-editor' });
  private readonly editState = el('div', { class: 'dl-edit-state' });
  private readonly editNote = el('span', { role: 'status' });
  private readonly resetBtn = button('Reset to the original', 'reset');
  private readonly diagList = el('ul', { class: 'dl-diag-list' });
  private readonly diagSummary = el('p', { class: 'dl-diag-summary', role: 'status' });

  constructor(setup: EditorSetup) {
    this.setup = setup;
    this.initial = loadEdit(setup.key) ?? setup.original;
    this.compiledNow = compileSpec(this.initial);
    this.editState.append(this.editNote, this.resetBtn);
    this.diagList.id = `${setup.id}-diagnostics`;
    this.element.append(this.editorWrap, this.editState, this.diagSummary, this.diagList);
    this.resetBtn.addEventListener('click', () => this.reset());
  }

  /** The spec as last compiled (it may trail the text by a pause in typing). */
  get compiled(): Compiled {
    return this.compiledNow;
  }

  /** Creates the editor once `element` is in the page, and reports the first compile. */
  open(): void {
    this.view = createEditor({
      parent: this.editorWrap,
      doc: this.initial,
      label: 'Spec editor',
      vocabulary: VOCABULARY,
      check: (text) => this.check(text),
      onChange: (text) => this.changed(text),
    });
    this.report();
    this.updateEditState(this.initial);
  }

  text(): string {
    return this.view?.state.doc.toString() ?? this.initial;
  }

  /** The spec as it is now, compiled (and shown) if the last pause in typing has not come yet. */
  current(): Compiled {
    const text = this.text();
    if (text !== this.compiledNow.source) this.check(text);
    return this.compiledNow;
  }

  focus(): void {
    this.view?.focus();
  }

  /** Compiles for the linter (after a pause in typing) and keeps the result for Train. */
  private check(text: string): readonly Diagnostic[] {
    if (text !== this.compiledNow.source) this.compiledNow = compileSpec(text);
    this.report();
    return this.compiledNow.diagnostics;
  }

  private report(): void {
    const { diagnostics } = this.compiledNow;
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    this.showDiagnostics(diagnostics, errors, warnings);
    this.setup.onChecked(this.compiledNow);
    this.setup.island.dispatchEvent(new CustomEvent<SpecCheckedDetail>(SPEC_CHECKED, {
      detail: { source: this.compiledNow.source, errors, warnings },
      bubbles: true,
    }));
  }

  private changed(text: string): void {
    const { key, original } = this.setup;
    window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => {
      this.stored = text === original ? clearEdit(key) : saveEdit(key, text);
      this.updateEditState(text);
    }, 300);
    this.updateEditState(text);
  }

  private updateEditState(text: string): void {
    const edited = text !== this.setup.original;
    this.setup.mount.dataset.edited = String(edited);
    this.resetBtn.hidden = !edited;
    if (!this.stored) {
      this.editNote.textContent = 'This browser would not store your edits: they will be lost when you leave the page.';
    } else {
      this.editNote.textContent = edited ? 'Edited: your version is saved in this browser.' : '';
    }
  }

  private reset(): void {
    if (!this.view) return;
    setText(this.view, this.setup.original);
    clearEdit(this.setup.key);
    this.view.focus();
  }

  private showDiagnostics(diagnostics: readonly Diagnostic[], errors: number, warnings: number): void {
    this.diagSummary.textContent =
      errors + warnings === 0 ? 'No problems found.' : [plural(errors, 'error'), plural(warnings, 'warning')].filter(Boolean).join(', ') + '.';
    this.diagSummary.dataset.errors = String(errors);
    this.diagList.replaceChildren(
      ...diagnostics.map((d) => {
        const li = el('li', { class: `dl-diag-item dl-${d.severity}` });
        const go = button(`Line ${d.line}, column ${d.column}`, 'goto');
        go.addEventListener('click', () => this.goTo(d));
        const msg = el('span', {}, ` ${d.severity} ${d.code}: ${d.message}`);
        li.append(go, msg);
        if (d.help) li.append(el('span', { class: 'dl-diag-help' }, ` help: ${d.help}`));
        return li;
      }),
    );
  }

  private goTo(d: Diagnostic): void {
    if (!this.view) return;
    const doc = this.view.state.doc;
    const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
    const pos = Math.min(line.from + d.column - 1, line.to);
    this.view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    this.view.focus();
  }
}
