/**
 * Remark plugin: every spec embedded in a lesson is compiled at build time and becomes a
 * spec view.
 *
 * - A fenced block ```` ```dl ```` becomes `<Spec source="..." />` (an MDX JSX element). Words
 *   after `dl` on the fence: `error` marks an intended error (the view shows its
 *   diagnostics), `title="..."` captions the view, `net=Name` shows only that net of a file
 *   with several.
 * - `<Spec src="iris.dl" />` reads `iris.dl` in the specs folder; the plugin inlines its text
 *   as `source`.
 * - An MDX file with a spec gets `import Spec from '<component>'`, so a page renders it
 *   without passing `components={{ Spec }}`; a file that binds `Spec` itself keeps its own.
 *
 * A spec that does not compile fails the build with the MDX file, the line in that file and
 * the rendered diagnostic; so does an `error` block that compiles, a fence word the plugin
 * does not know, and a missing spec file. The plugin compiles here rather than in the
 * component because only here are the MDX file and the block's position known.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Code, Root, RootContent } from 'mdast';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';
import { renderDiagnostics } from '../compiler/index.ts';
import { checkSpec, compileSpec, type SpecProblem } from './check-spec.ts';
import { componentPath } from './component-path.ts';

/** The parts of a net's view that `hide` can leave out. */
export type SpecPart = 'summary' | 'diagram' | 'pytorch';

export interface RemarkDlSpecsOptions {
  /** Where `<Spec src>` files live; `specs/` in the working directory by default. */
  specsDir?: string;
  /**
   * The component MDX files import as `Spec`: an absolute path or a package specifier. By
   * default the spec view with its live island; null imports nothing (the page then passes
   * `components={{ Spec }}`).
   */
  component?: string | null;
  /** Parts every spec view leaves out. */
  hide?: SpecPart[];
}

/** What the words after ```` ```dl ```` ask for. */
export interface FenceMeta {
  error: boolean;
  title?: string;
  net?: string;
}

/** A fence word the plugin does not understand, reported rather than ignored so a typo (`eror`) cannot hide. */
export class FenceMetaError extends Error {}

const META_WORD = /\s*(?:(error)\b|title=(?:"([^"]*)"|'([^']*)')|net=([A-Za-z_][A-Za-z0-9_]*)|(\S+))/y;

/**
 * @example
 * parseFenceMeta('error title="A shape mistake"') // { error: true, title: 'A shape mistake' }
 */
export function parseFenceMeta(meta: string | null | undefined): FenceMeta {
  const result: FenceMeta = { error: false };
  const text = (meta ?? '').trim();
  META_WORD.lastIndex = 0;
  while (META_WORD.lastIndex < text.length) {
    const m = META_WORD.exec(text);
    if (!m) break;
    if (m[1]) result.error = true;
    else if (m[2] !== undefined || m[3] !== undefined) result.title = m[2] ?? m[3];
    else if (m[4]) result.net = m[4];
    else if (m[5]) {
      throw new FenceMetaError(
        `unknown word \`${m[5]}\` after \`\`\`dl; a dl fence takes \`error\`, \`title="..."\` and \`net=Name\``);
    }
  }
  return result;
}

type Jsx = MdxJsxFlowElement | MdxJsxTextElement;

function attr(name: string, value: string | null): MdxJsxAttribute {
  return { type: 'mdxJsxAttribute', name, value };
}

function stringAttr(node: Jsx, name: string): string | undefined {
  const a = node.attributes.find((x): x is MdxJsxAttribute => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
}

/** A boolean attribute: `error` or `error={true}`, not `error={false}`. */
function flagAttr(node: Jsx, name: string): boolean {
  return node.attributes.some((x) => x.type === 'mdxJsxAttribute' && x.name === name &&
    !(typeof x.value === 'object' && x.value?.value.trim() === 'false'));
}

/** The page's file, relative to the working directory, as a reader would look for it. */
function pageName(file: VFile): string {
  return file.path ? relative(process.cwd(), file.path) || file.path : '<unknown file>';
}

/** Stops the build. The message starts with `file:line:col:` so editors and terminals link to the place. */
function fail(line: number, column: number, message: string): never {
  const err = new Error(message) as Error & { line: number; column: number };
  // Astro's MDX error handler reads these to point its overlay and log at the right place.
  err.line = line;
  err.column = column;
  throw err;
}

/** The `error` block compiled, or `net=` names no net of the spec: the lesson, not the spec, is wrong. */
function failExpectation(problem: Exclude<SpecProblem, { kind: 'errors' }>, where: string, line: number, column: number, what: string): never {
  if (problem.kind === 'unexpected-success') {
    fail(line, column,
      `${where}: ${what} is marked \`error\` but compiles without errors; an intended-error example must show ` +
      'a diagnostic (fix the example or remove `error`).');
  }
  fail(line, column, `${where}: ${what} asks for net \`${problem.net}\`, but the spec declares ${problem.declared}.`);
}

function specSourcePath(specsDir: string, src: string): string | null {
  const path = resolve(specsDir, src);
  return path.startsWith(resolve(specsDir) + sep) ? path : null;
}

/**
 * The dlc Astro integration (`dlc/astro`) installs this plugin; on its own:
 *
 * @example
 * // astro.config.mjs
 * markdown: { processor: unified({ remarkPlugins: [[remarkDlSpecs, { specsDir: 'specs' }]] }) }
 */
export function remarkDlSpecs(options: RemarkDlSpecsOptions = {}) {
  const specsDir = resolve(options.specsDir ?? 'specs');
  const component = options.component === undefined ? componentPath('Spec.astro') : options.component;
  const hide = options.hide?.length ? options.hide.join(' ') : undefined;
  return (tree: Root, file: VFile): void => {
    let views = 0;
    const isMdx = /\.mdx$/i.test(file.path ?? '') || file.path === undefined;

    const fenced = (node: Code): RootContent | null => {
      if (node.lang !== 'dl') return null;
      const start = node.position?.start ?? { line: 1, column: 1 };
      let meta: FenceMeta;
      const where = `${pageName(file)}:${start.line}:${start.column}`;
      try {
        meta = parseFenceMeta(node.meta);
      } catch (e) {
        if (e instanceof FenceMetaError) fail(start.line, start.column, `${where}: ${e.message}`);
        throw e;
      }
      const problem = checkSpec(compileSpec(node.value), { expectError: meta.error, net: meta.net });
      if (problem?.kind === 'errors') {
        // Report in the lesson's own coordinates, with its source line under the caret, as
        // `dlc check` does for a .dl file.
        const shifted = problem.errors.map((d) => ({
          ...d,
          line: start.line + d.line,
          endLine: start.line + d.endLine,
          column: start.column - 1 + d.column,
          endColumn: start.column - 1 + d.endColumn,
        }));
        fail(shifted[0].line, shifted[0].column,
          renderDiagnostics(String(file.value), shifted, { file: pageName(file) }) +
          `(in the \`\`\`dl block at ${where}; if the mistake is the lesson's point, mark the fence \`\`\`dl error)`);
      }
      if (problem) failExpectation(problem, where, start.line, start.column, 'this ```dl block');
      // In plain Markdown there is no Spec component to render: the block stays highlighted code.
      if (!isMdx) return null;
      const attributes = [attr('source', node.value)];
      if (meta.error) attributes.push(attr('error', null));
      if (meta.title !== undefined) attributes.push(attr('title', meta.title));
      if (meta.net !== undefined) attributes.push(attr('net', meta.net));
      if (hide !== undefined) attributes.push(attr('hide', hide));
      views++;
      const element: MdxJsxFlowElement = { type: 'mdxJsxFlowElement', name: 'Spec', attributes, children: [], position: node.position };
      return element;
    };

    const fromFile = (node: Jsx): void => {
      const src = stringAttr(node, 'src');
      if (src === undefined || stringAttr(node, 'source') !== undefined) return;
      const start = node.position?.start ?? { line: 1, column: 1 };
      const where = `${pageName(file)}:${start.line}:${start.column}`;
      const what = `<Spec src="${src}">`;
      const path = specSourcePath(specsDir, src);
      if (!path || !existsSync(path)) {
        fail(start.line, start.column,
          `${where}: ${what} names a spec file that does not exist: ${relative(process.cwd(), resolve(specsDir, src))} ` +
          `(spec files live in ${relative(process.cwd(), specsDir) || specsDir}).`);
      }
      const source = readFileSync(path, 'utf8');
      const problem = checkSpec(compileSpec(source, relative(process.cwd(), path)), { expectError: flagAttr(node, 'error'), net: stringAttr(node, 'net') });
      // The diagnostics' lines are in the spec file; the first line points at the tag.
      if (problem?.kind === 'errors') fail(start.line, start.column, `${where}: ${what} does not compile:\n${problem.rendered}`);
      if (problem) failExpectation(problem, where, start.line, start.column, what);
      node.attributes.push(attr('source', source));
      if (hide !== undefined && stringAttr(node, 'hide') === undefined) node.attributes.push(attr('hide', hide));
    };

    const walk = (parent: { children: RootContent[] }): void => {
      parent.children.forEach((child, i) => {
        if (child.type === 'code') {
          const replacement = fenced(child);
          if (replacement) parent.children[i] = replacement;
          return;
        }
        if ((child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement') && child.name === 'Spec') {
          views++;
          fromFile(child);
        }
        if ('children' in child) walk(child as { children: RootContent[] });
      });
    };
    walk(tree);
    if (isMdx && views > 0 && component && !bindsSpec(tree)) tree.children.unshift(importSpec(specifierFrom(file, component)));
  };
}

/**
 * The component as the MDX file imports it: a path relative to the file. Vite reads an
 * absolute `/…` import as relative to the site's root first, which breaks Astro's
 * components outside that root (a package installed by link); a relative path is unambiguous.
 */
function specifierFrom(file: VFile, component: string): string {
  if (!isAbsolute(component) || !file.path || !isAbsolute(file.path)) return component;
  const path = relative(dirname(file.path), component).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Whether the file's own imports and exports already define `Spec` (then it is theirs to render). */
function bindsSpec(tree: Root): boolean {
  const names: string[] = [];
  for (const node of tree.children) {
    if (node.type !== 'mdxjsEsm') continue;
    for (const statement of node.data?.estree?.body ?? []) {
      const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
      if (!declaration) continue;
      if (declaration.type === 'ImportDeclaration') names.push(...declaration.specifiers.map((s) => s.local.name));
      else if (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') names.push(declaration.id?.name ?? '');
      else if (declaration.type === 'VariableDeclaration') {
        for (const d of declaration.declarations) if (d.id.type === 'Identifier') names.push(d.id.name);
      }
    }
  }
  return names.includes('Spec');
}

/** `import Spec from '<component>'` as MDX holds it: the text and its ESTree, which the compiler reads. */
function importSpec(component: string): MdxjsEsm {
  const source = JSON.stringify(component);
  return {
    type: 'mdxjsEsm',
    value: `import Spec from ${source}`,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [{
          type: 'ImportDeclaration',
          specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name: 'Spec' } }],
          source: { type: 'Literal', value: component, raw: source },
          attributes: [],
        }],
      },
    },
  };
}
