// The remark plugin on real MDX (remark-parse + remark-mdx, as @mdx-js/mdx runs them) with
// the real compiler: fences and <Spec src> become Spec elements carrying the source, and
// every broken spec stops the build with the MDX file, the line and the diagnostic; an MDX
// file with specs imports the Spec component itself (checked through @mdx-js/mdx's compile).
import { readFileSync } from 'node:fs';
import type { Root, RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { compile as compileMdx } from '@mdx-js/mdx';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.ts';
import { parseFenceMeta, remarkDlSpecs, type RemarkDlSpecsOptions } from '../../integration/remark-dl-specs.ts';

const LESSON = 'site/content/lessons/example.mdx';

async function run(mdx: string, path = LESSON, options: RemarkDlSpecsOptions = {}): Promise<Root> {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkDlSpecs, options);
  const file = new VFile({ value: mdx, path });
  return (await processor.run(processor.parse(file), file)) as Root;
}

/** Runs the plugin and returns the error it stops the build with. */
async function failure(mdx: string, path = LESSON): Promise<Error & { line?: number; column?: number }> {
  try {
    await run(mdx, path);
  } catch (e) {
    return e as Error;
  }
  throw new Error('the plugin accepted the MDX');
}

function specs(tree: Root): MdxJsxFlowElement[] {
  const found: MdxJsxFlowElement[] = [];
  const walk = (nodes: RootContent[]) => {
    for (const n of nodes) {
      if (n.type === 'mdxJsxFlowElement' && n.name === 'Spec') found.push(n);
      if ('children' in n) walk(n.children as RootContent[]);
    }
  };
  walk(tree.children);
  return found;
}

function attrs(node: MdxJsxFlowElement): Record<string, string | null> {
  return Object.fromEntries(node.attributes.map((a) => [(a as MdxJsxAttribute).name, (a as MdxJsxAttribute).value as string | null]));
}

/** 1-based line of the first line of `mdx` containing `text`. */
function lineOf(mdx: string, text: string): number {
  const i = mdx.split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} not found`);
  return i + 1;
}

const XOR = 'net Xor <\n  linear 2->8; tanh;\n  linear 8->1; sigmoid\n>';
const BROKEN = 'net Broken <\n  linear 4->32; relu;\n  linear 16->3\n>';

describe('fence words', () => {
  it('reads error, title and net', () => {
    expect(parseFenceMeta(undefined)).toEqual({ error: false });
    expect(parseFenceMeta('error')).toEqual({ error: true });
    expect(parseFenceMeta('title="A shape mistake" error net=Memory')).toEqual({ error: true, title: 'A shape mistake', net: 'Memory' });
    expect(parseFenceMeta("title='single quotes'")).toEqual({ error: false, title: 'single quotes' });
  });

  it('rejects a word it does not know, so a typo cannot hide', () => {
    expect(() => parseFenceMeta('eror')).toThrow(/unknown word `eror`/);
  });
});

describe('fenced ```dl blocks', () => {
  it('become Spec elements carrying the source and the fence words', async () => {
    const mdx = `# Lesson\n\n\`\`\`dl title="XOR"\n${XOR}\n\`\`\`\n\n\`\`\`dl error\n${BROKEN}\n\`\`\`\n`;
    const found = specs(await run(mdx));
    expect(found.map(attrs)).toEqual([
      { source: XOR, title: 'XOR' },
      { source: BROKEN, error: null },
    ]);
    expect(found[0].position?.start.line).toBe(lineOf(mdx, '```dl title'));
  });

  it('leave other code and plain Markdown files alone', async () => {
    const python = '```python\nprint(1)\n```\n';
    const tree = await run(python);
    expect(tree.children[0].type).toBe('code');
    const md = await run(`\`\`\`dl\n${XOR}\n\`\`\`\n`, 'site/pages/notes.md');
    expect(md.children[0].type).toBe('code');
    expect(specs(md)).toEqual([]);
  });

  it('fail on a spec error with the MDX file, the line in it and the rendered diagnostic', async () => {
    const mdx = `---\ntitle: x\n---\n\nSome text.\n\n\`\`\`dl\n${BROKEN}\n\`\`\`\n`;
    const [diagnostic] = compile(BROKEN).diagnostics;
    const line = lineOf(mdx, '```dl') + diagnostic.line;
    const err = await failure(mdx);
    expect(err.message).toMatch(new RegExp(`^${LESSON}:${line}:${diagnostic.column}: error ${diagnostic.code}: `));
    expect(err.message).toContain(diagnostic.message);
    expect(err.message).toContain(`${line} |   linear 16->3`);
    expect(err.message).toContain(`help: ${diagnostic.help}`);
    expect(err.line).toBe(line);
  });

  it('count columns from the fence when it is indented in a list', async () => {
    const mdx = `- An item:\n\n  \`\`\`dl\n  ${BROKEN.replace(/\n/g, '\n  ')}\n  \`\`\`\n`;
    const [diagnostic] = compile(BROKEN).diagnostics;
    const err = await failure(mdx);
    expect(err.message).toMatch(new RegExp(`^${LESSON}:${lineOf(mdx, 'linear 16')}:${diagnostic.column + 2}: error ${diagnostic.code}`));
  });

  it('fail on an intended-error block that compiles', async () => {
    const mdx = `Text\n\n\`\`\`dl error\n${XOR}\n\`\`\`\n`;
    const err = await failure(mdx);
    expect(err.message).toMatch(new RegExp(`^${LESSON}:3:1: this \`\`\`dl block is marked \`error\` but compiles without errors`));
  });

  it('fail on a net the spec does not declare and on an unknown fence word', async () => {
    expect((await failure(`\`\`\`dl net=Xr\n${XOR}\n\`\`\`\n`)).message).toMatch(/asks for net `Xr`, but the spec declares `Xor`/);
    expect((await failure(`\n\`\`\`dl erorr\n${XOR}\n\`\`\`\n`)).message).toMatch(new RegExp(`^${LESSON}:2:1: unknown word \`erorr\``));
  });
});

describe('<Spec src>', () => {
  it('inlines the file from specs/ as the source', async () => {
    const [spec] = specs(await run('<Spec src="iris.dl" />\n'));
    expect(attrs(spec)).toEqual({ src: 'iris.dl', source: readFileSync('specs/iris.dl', 'utf8') });
  });

  it('fails on a missing file, naming it and the MDX line', async () => {
    const err = await failure('Text\n\n<Spec src="irsi.dl" />\n');
    expect(err.message).toMatch(new RegExp(`^${LESSON}:3:1: <Spec src="irsi.dl"> names a spec file that does not exist: specs/irsi.dl`));
  });

  it('refuses a path outside specs/', async () => {
    expect((await failure('<Spec src="../package.json" />\n')).message).toMatch(/does not exist/);
  });

  it('fails on a file that does not compile unless marked error', async () => {
    const [diagnostic] = compile(readFileSync('specs/shape-error.dl', 'utf8')).diagnostics;
    const err = await failure('\n<Spec src="shape-error.dl" />\n');
    expect(err.message).toMatch(new RegExp(`^${LESSON}:2:1: <Spec src="shape-error.dl"> does not compile:\\n`));
    expect(err.message).toContain(`specs/shape-error.dl:${diagnostic.line}:${diagnostic.column}: error ${diagnostic.code}: ${diagnostic.message}`);
    const [spec] = specs(await run('<Spec src="shape-error.dl" error />\n'));
    expect(attrs(spec).error).toBeNull();
  });
});

describe('the Spec component', () => {
  const COMPONENT = '/somewhere/dlc/integration/components/Spec.astro';

  /** The JavaScript @mdx-js/mdx makes of a file, with the plugin in its remark pipeline. */
  async function javascript(mdx: string, options: RemarkDlSpecsOptions = {}): Promise<string> {
    return String(await compileMdx(new VFile({ value: mdx, path: LESSON }), { remarkPlugins: [[remarkDlSpecs, { component: COMPONENT, ...options }]] }));
  }

  it('is imported by an MDX file with specs, so a page renders them without passing components', async () => {
    const js = await javascript(`# A\n\n\`\`\`dl\n${XOR}\n\`\`\`\n\n<Spec src="iris.dl" />\n`);
    expect(js).toContain(`import Spec from "${COMPONENT}"`);
    expect(js.match(/import Spec\b/g)?.length).toBe(1);
    // The element uses the import, not a component the page would have to supply.
    expect(js).toMatch(/_jsx\(Spec, \{/);
    expect(js).not.toMatch(/_components\.Spec|_missingMdxReference\("Spec"/);
  });

  it('is imported by a path relative to an MDX file on disk', async () => {
    const file = new VFile({ value: `\`\`\`dl\n${XOR}\n\`\`\`\n`, path: '/site/src/pages/a.mdx' });
    const js = String(await compileMdx(file, { remarkPlugins: [[remarkDlSpecs, { component: COMPONENT }]] }));
    expect(js).toContain('import Spec from "../../../somewhere/dlc/integration/components/Spec.astro"');
  });

  it('is not imported by a file without specs, nor by one that imports its own Spec', async () => {
    expect(await javascript('# Just text\n')).not.toContain(COMPONENT);
    const own = await javascript(`import Spec from './mine.astro';\n\n\`\`\`dl\n${XOR}\n\`\`\`\n`);
    expect(own).toContain('import Spec from \'./mine.astro\'');
    expect(own).not.toContain(COMPONENT);
  });

  it('is left to the page with component: null', async () => {
    const tree = await run(`\`\`\`dl\n${XOR}\n\`\`\`\n`, LESSON, { component: null });
    expect(tree.children.some((n) => n.type === 'mdxjsEsm')).toBe(false);
  });

  it('gets the parts to hide on every view', async () => {
    const tree = await run(`\`\`\`dl\n${XOR}\n\`\`\`\n\n<Spec src="iris.dl" />\n\n<Spec src="iris.dl" hide="summary" />\n`, LESSON, { hide: ['diagram', 'pytorch'] });
    expect(specs(tree).map((s) => attrs(s).hide)).toEqual(['diagram pytorch', 'diagram pytorch', 'summary']);
  });
});
