/**
 * The grammar, as a Chevrotain CST parser with no embedded actions: it builds a concrete
 * syntax tree that `to-ast.ts` turns into the AST. Items are iterated with MANY, so a net of
 * 100,000 layers costs no recursion depth.
 *
 *   spec     := decl*
 *   decl     := net | train
 *   net      := 'net' Ident body
 *   train    := 'train' Ident 'on' Ident keyValue* body
 *   body     := '<' (item (';' item?)*)? '>'
 *   item     := Ident ('=' literal)? arg*
 *   arg      := number ('->' number)? | Shape | String | keyValue | Ident
 *   number   := Int | Decimal
 *   keyValue := Ident '=' literal
 *   literal  := Int | Decimal | Shape | String | Ident
 */
import { CstParser, EOF } from 'chevrotain';
import type { IParserErrorMessageProvider, TokenType } from 'chevrotain';
import {
  allTokens, Arrow, Decimal, Equals, Ident, Int, LAngle, Net, On, RAngle, Semi, Shape, Str, Train,
} from './tokens.ts';

/** The message of an error at the top level, where only a declaration can start. */
export const TOP_LEVEL = '`net` or `train`';

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

function oneOf(labels: string[]): string {
  const unique = [...new Set(labels)];
  if (unique.length <= 1) return unique[0] ?? 'something else';
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/**
 * The parser's messages carry only what was expected; the catalogue (diagnostics/messages.ts)
 * adds what was found, so syntax errors read like every other diagnostic.
 */
const expectedOnly: IParserErrorMessageProvider = {
  // Chevrotain reports input left after the last declaration as a mismatch against EOF.
  buildMismatchTokenMessage: ({ expected }) => (expected === EOF ? TOP_LEVEL : label(expected)),
  buildNotAllInputParsedMessage: () => TOP_LEVEL,
  buildNoViableAltMessage: ({ expectedPathsPerAlt }) =>
    oneOf(expectedPathsPerAlt.flatMap((alt) => alt.map((path) => (path[0] ? label(path[0]) : 'end of file')))),
  buildEarlyExitMessage: ({ expectedIterationPaths }) =>
    oneOf(expectedIterationPaths.map((path) => (path[0] ? label(path[0]) : 'end of file'))),
};

class DlParser extends CstParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, errorMessageProvider: expectedOnly, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  spec = this.RULE('spec', () => {
    this.MANY(() => this.SUBRULE(this.decl));
  });

  decl = this.RULE('decl', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.net) },
      { ALT: () => this.SUBRULE(this.train) },
    ]);
  });

  net = this.RULE('net', () => {
    this.CONSUME(Net);
    this.CONSUME(Ident);
    this.SUBRULE(this.body);
  });

  train = this.RULE('train', () => {
    this.CONSUME(Train);
    this.CONSUME(Ident, { LABEL: 'netName' });
    this.CONSUME(On);
    this.CONSUME2(Ident, { LABEL: 'dataset' });
    this.MANY(() => this.SUBRULE(this.keyValue));
    this.SUBRULE(this.body);
  });

  body = this.RULE('body', () => {
    this.CONSUME(LAngle);
    this.OPTION(() => {
      this.SUBRULE(this.item);
      this.MANY(() => {
        this.CONSUME(Semi);
        this.OPTION2(() => this.SUBRULE2(this.item));
      });
    });
    this.CONSUME(RAngle);
  });

  item = this.RULE('item', () => {
    this.CONSUME(Ident);
    // `loss=mse` is a common slip for `loss mse`: parse it so the checker can say so.
    this.OPTION(() => {
      this.CONSUME(Equals);
      this.SUBRULE(this.literal);
    });
    this.MANY(() => this.SUBRULE(this.arg));
  });

  arg = this.RULE('arg', () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.number);
          this.OPTION(() => {
            this.CONSUME(Arrow);
            this.SUBRULE2(this.number);
          });
        },
      },
      { ALT: () => this.CONSUME(Shape) },
      { ALT: () => this.CONSUME(Str) },
      { ALT: () => this.SUBRULE(this.keyValue) },
      { ALT: () => this.CONSUME(Ident) },
    ]);
  });

  // Sizes are integers, but `linear 4.5->3` should parse, so the checker can say why not.
  number = this.RULE('number', () => {
    this.OR([
      { ALT: () => this.CONSUME(Int) },
      { ALT: () => this.CONSUME(Decimal) },
    ]);
  });

  keyValue = this.RULE('keyValue', () => {
    this.CONSUME(Ident);
    this.CONSUME(Equals);
    this.SUBRULE(this.literal);
  });

  literal = this.RULE('literal', () => {
    this.OR([
      { ALT: () => this.CONSUME(Int) },
      { ALT: () => this.CONSUME(Decimal) },
      { ALT: () => this.CONSUME(Shape) },
      { ALT: () => this.CONSUME(Str) },
      { ALT: () => this.CONSUME(Ident) },
    ]);
  });
}

/** The one parser instance: set `input`, call `spec()`, read `errors`. */
export const parser = new DlParser();
