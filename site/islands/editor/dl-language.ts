/**
 * `dl` highlighting for CodeMirror: a small stream tokenizer following the token table of
 * LANGUAGE.md. It only colours; the compiler decides what is valid, so a misspelt layer
 * name is still an identifier here and the compiler's diagnostic says what is wrong.
 */
import { StreamLanguage, type StringStream } from '@codemirror/language';

interface DlState {
  /** The previous significant word, to colour the name after `net` / `train` / `on`. */
  previous: string;
  /** Whether the next identifier starts an item (after `<` or `;`). */
  itemStart: boolean;
  /** Inside a `net` or `train` block, whose items are indented one unit. */
  inBlock: boolean;
}

const KEYWORDS = new Set(['net', 'train', 'on']);

export const dlLanguage = StreamLanguage.define<DlState>({
  name: 'dl',
  startState: () => ({ previous: '', itemStart: false, inBlock: false }),
  token(stream: StringStream, state: DlState): string | null {
    if (stream.eatSpace()) return null;
    if (stream.match('#')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match('->')) return 'operator';
    if (stream.match(/^\d+(x\d+)+/)) {
      state.itemStart = false;
      return 'number';
    }
    if (stream.match(/^(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?/)) {
      state.itemStart = false;
      return 'number';
    }
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const word = stream.current();
      const previous = state.previous;
      const itemStart = state.itemStart;
      state.previous = word;
      state.itemStart = false;
      if (KEYWORDS.has(word)) return 'keyword';
      if (previous === 'net' || previous === 'train') return 'typeName';
      if (previous === 'on') return 'className';
      if (stream.peek() === '=') return 'propertyName';
      if (itemStart) return 'variableName.function';
      return 'atom';
    }
    const ch = stream.next();
    if (ch === '<' || ch === ';') {
      state.itemStart = true;
      if (ch === '<') state.inBlock = true;
      state.previous = ch;
      return 'punctuation';
    }
    if (ch === '>') {
      state.itemStart = false;
      state.inBlock = false;
      state.previous = ch;
      return 'punctuation';
    }
    if (ch === '=') return 'operator';
    return 'invalid';
  },
  /** Items one unit in; the closing `>` back at the margin (re-indented as it is typed). */
  indent(state: DlState, textAfter: string, context): number | null {
    return state.inBlock && !textAfter.trimStart().startsWith('>') ? context.unit : 0;
  },
  languageData: { commentTokens: { line: '#' }, indentOnInput: /^\s*>$/ },
});
