/**
 * The tokens of a `.dl` file. Layer, setting, loss, optimizer and dataset names are plain
 * identifiers, checked after parsing, so a misspelt name gets "did you mean" instead of a
 * parse error. Only `net`, `train` and `on` are keywords.
 */
import { createToken, Lexer } from 'chevrotain';
import type { TokenType } from 'chevrotain';

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED });
// Comments go to their own group: the parser never sees them, the formatter keeps them.
export const Comment = createToken({ name: 'Comment', pattern: /#[^\n\r]*/, group: 'comments' });

export const Ident = createToken({ name: 'Ident', pattern: /[A-Za-z_][A-Za-z0-9_]*/, label: 'a name' });
export const Net = createToken({ name: 'Net', pattern: /net/, longer_alt: Ident, label: '`net`' });
export const Train = createToken({ name: 'Train', pattern: /train/, longer_alt: Ident, label: '`train`' });
export const On = createToken({ name: 'On', pattern: /on/, longer_alt: Ident, label: '`on`' });

// Order matters: a shape (`1x8x8`) and a decimal (`1e-3`) both start like an integer.
// A leading minus is lexed so that `lr=-1` is a range error the checker can explain.
export const Shape = createToken({ name: 'Shape', pattern: /\d+(?:x\d+)+/, label: 'a shape like `1x8x8`' });
export const Decimal = createToken({
  name: 'Decimal',
  pattern: /-?(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)/,
  label: 'a number',
});
export const Int = createToken({ name: 'Int', pattern: /-?\d+/, label: 'a number' });
export const Str = createToken({ name: 'Str', pattern: /"(?:[^"\\\n\r]|\\.)*"/, label: 'a string' });

export const Arrow = createToken({ name: 'Arrow', pattern: /->/, label: '`->`' });
export const Equals = createToken({ name: 'Equals', pattern: /=/, label: '`=`' });
export const LAngle = createToken({ name: 'LAngle', pattern: /</, label: '`<`' });
export const RAngle = createToken({ name: 'RAngle', pattern: />/, label: '`>`' });
export const Semi = createToken({ name: 'Semi', pattern: /;/, label: '`;`' });

export const allTokens: TokenType[] = [
  WhiteSpace, Comment,
  Net, Train, On, Ident,
  Shape, Decimal, Arrow, Int, Str,
  Equals, LAngle, RAngle, Semi,
];

/** Built once: lexers and parsers are expensive to construct and cheap to reuse. */
export const lexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: true });
