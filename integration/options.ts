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
  /**
   * Extra job modules for the training worker, relative to the project root: each exports
   * `JOBS`, an object of async functions `(params, { backend, signal, progress })` by name,
   * run in the same worker as the specs' training (one TensorFlow.js per page). Default none.
   */
  jobs?: string[];
}

const TYPES: Record<keyof DlcOptions, 'string' | 'boolean' | 'string[]'> = {
  specsDir: 'string',
  live: 'boolean',
  summary: 'boolean',
  diagram: 'boolean',
  pytorch: 'boolean',
  jobs: 'string[]',
};

const DESCRIBE = { boolean: 'true or false', string: 'a string', 'string[]': 'an array of paths' } as const;

function hasType(value: unknown, type: keyof typeof DESCRIBE): boolean {
  if (type === 'string[]') return Array.isArray(value) && value.every((v) => typeof v === 'string');
  return typeof value === type;
}

/** @example checkOptions({ live: 'no' }) // throws: dlc(): option `live` must be true or false, not "no". */
export function checkOptions(options: unknown): asserts options is DlcOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError(`dlc(): options must be an object, not ${JSON.stringify(options)}.`);
  }
  for (const [key, value] of Object.entries(options)) {
    const type = TYPES[key as keyof DlcOptions];
    if (!type) throw new TypeError(`dlc(): unknown option \`${key}\`; the options are ${Object.keys(TYPES).map((k) => `\`${k}\``).join(', ')}.`);
    if (value !== undefined && !hasType(value, type)) {
      throw new TypeError(`dlc(): option \`${key}\` must be ${DESCRIBE[type]}, not ${JSON.stringify(value)}.`);
    }
  }
}
