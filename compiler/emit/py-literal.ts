/**
 * The one way a string from input (a spec, a file name, a command line) enters generated
 * Python: as a string literal or a docstring written here, never pasted into code.
 *
 * Only printable ASCII, letters and digits are written as themselves; everything else
 * (quotes, backslashes, control characters, NUL, CR, U+2028, format characters, lone
 * surrogates) becomes a Python escape, so the literal means exactly the JavaScript string
 * and the file stays valid UTF-8 whatever the input.
 */

const RAW = /^[\p{L}\p{N}]$/u;

function escapeCodePoint(cp: number): string {
  switch (cp) {
    case 0x5c:
      return '\\\\';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
  }
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

/**
 * Escapes `text` for the inside of a Python string: `quote(i)` says whether the quote at
 * index i needs a backslash; `keepNewline` keeps line feeds raw (docstrings).
 */
function escapeBody(text: string, quote: (index: number) => boolean, keepNewline: boolean): string {
  let out = '';
  let i = 0;
  // for..of would pair surrogates but hides the index; walk code points by hand.
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const width = cp > 0xffff ? 2 : 1;
    if (cp === 0x22) out += quote(i) ? '\\"' : '"';
    else if (cp === 0x0a && keepNewline) out += '\n';
    else if (cp !== 0x5c && ((cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp < 0xd800 && RAW.test(ch)) || (cp > 0xffff && RAW.test(ch)))) out += ch;
    else out += escapeCodePoint(cp);
    i += width;
  }
  return out;
}

/** A Python string literal whose value is exactly `text`. */
export function pyString(text: string): string {
  return `"${escapeBody(text, () => true, false)}"`;
}

/**
 * A Python docstring whose value is exactly `text`: triple-quoted so newlines stay
 * readable; a quote is escaped only where it could close the string (before another quote
 * or at the end), so no run of three quotes can appear.
 */
export function pyDocstring(text: string): string {
  const quote = (i: number) => i === text.length - 1 || text[i + 1] === '"';
  return `"""${escapeBody(text, quote, true)}"""`;
}

/**
 * A Python comment line saying `text`: escaped as in a literal, so a newline or CR cannot
 * end the comment and start code.
 */
export function pyComment(text: string): string {
  return `# ${escapeBody(text, () => false, false)}`;
}

const PY_KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);

/**
 * A Python identifier made from `name`: the name itself when it already is one (ASCII),
 * else with every other character replaced by `_`; `taken` names and keywords get `suffix`
 * (again, until the name is free).
 */
export function pyIdentifier(name: string, taken: ReadonlySet<string> = new Set(), suffix = '_'): string {
  let id = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z_]/.test(id)) id = `_${id}`;
  while (taken.has(id) || PY_KEYWORDS.has(id)) id = `${id}${suffix}`;
  return id;
}

/**
 * Every identifier that Python code in `source` (code we emit) uses: outside comments and
 * string literals, plus all the text of f-strings, whose braces hold code. A superset of the
 * names the code binds or reads (attributes and builtins included), which a new global must
 * avoid: a net's class named `model`, `len` or `diverged` would shadow one of them.
 *
 * @example
 *   pyCodeNames('x = len("a b")  # c')   // Set { 'x', 'len' }
 */
export function pyCodeNames(source: string): Set<string> {
  const names = new Set<string>();
  const code: string[] = [];
  // A literal: its prefix (f marks code inside), then a triple or single quote and its body.
  const token = /#[^\n]*|([rRbBuUfF]{0,2})('''|"""|'|")/g;
  let at = 0;
  for (let m = token.exec(source); m; m = token.exec(source)) {
    if (m[0].startsWith('#')) {
      code.push(source.slice(at, m.index));
      at = token.lastIndex;
      continue;
    }
    const quote = m[2];
    let end = token.lastIndex;
    while (end < source.length && !source.startsWith(quote, end)) end += source[end] === '\\' ? 2 : 1;
    end = Math.min(end + quote.length, source.length);
    code.push(source.slice(at, m.index));
    if (/f/i.test(m[1])) code.push(' ', source.slice(token.lastIndex, end - quote.length), ' ');
    at = token.lastIndex = end;
  }
  code.push(source.slice(at));
  for (const [name] of code.join(' ').matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) names.add(name);
  return names;
}
