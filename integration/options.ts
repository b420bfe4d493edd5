/**
 * The options of `dlc()` and their check: a misspelt or mistyped option stops the build
 * with a message naming it, instead of being ignored.
 */
export interface DlcOptions {
  /** Where `<Spec src="x.dl">` reads its files, relative to the project root. Default `specs`. */
  specsDir?: string;
  /** The live island (Edit, Train, plots). `false` ships the static view only, with no JavaScript. Default `true`. */
  live?: boolean;
  /** Each net's summary table. Default `true`. */
  summary?: boolean;
  /** Each net's diagram. Default `true`. */
  diagram?: boolean;
  /** Each net's PyTorch code. Default `true`. */
  pytorch?: boolean;
}

const TYPES: Record<keyof DlcOptions, 'string' | 'boolean'> = {
  specsDir: 'string',
  live: 'boolean',
  summary: 'boolean',
  diagram: 'boolean',
  pytorch: 'boolean',
};

/** @example checkOptions({ live: 'no' }) // throws: dlc(): option `live` must be true or false, not "no". */
export function checkOptions(options: unknown): asserts options is DlcOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`dlc(): options must be an object, not ${JSON.stringify(options)}.`);
  }
  for (const [key, value] of Object.entries(options)) {
    const type = TYPES[key as keyof DlcOptions];
    if (!type) throw new TypeError(`dlc(): unknown option \`${key}\`; the options are ${Object.keys(TYPES).map((k) => `\`${k}\``).join(', ')}.`);
    if (value !== undefined && typeof value !== type) {
      throw new TypeError(`dlc(): option \`${key}\` must be ${type === 'boolean' ? 'true or false' : 'a string'}, not ${JSON.stringify(value)}.`);
    }
  }
}
