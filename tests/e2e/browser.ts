// Shared helpers for browser tests: Debian's Chromium driven by playwright-core, and a
// small static server for the built site (what any static host does: files, directory
// index.html, and 404.html with status 404).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

/** Debian's Chromium unless CHROMIUM_PATH names another Chromium or Chrome binary. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/** Why the browser tests cannot run here, with the command that fixes it; null when they can. */
export function chromiumProblem(): string | null {
  if (existsSync(CHROMIUM_PATH) && statSync(CHROMIUM_PATH).isFile()) return null;
  return (
    `Chromium not found at ${CHROMIUM_PATH}: install it with \`sudo apt-get install -y chromium\` ` +
    '(or run `npm run test:all`, which installs it), or set CHROMIUM_PATH to a Chromium or Chrome binary.'
  );
}

/** Launches Chromium headless; fails at once, saying how to install it, when it is missing. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const problem = chromiumProblem();
  if (problem) throw new Error(problem);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, ...options });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.py': 'text/plain; charset=utf-8',
  '.dl': 'text/plain; charset=utf-8',
};

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** The file a URL path names in `root`: the file itself or its folder's index.html. */
function resolveFile(root: string, pathname: string): string | null {
  const path = normalize(join(root, decodeURIComponent(pathname)));
  if (path !== root && !path.startsWith(root + sep)) return null;
  if (isFile(path)) return path;
  const index = join(path, 'index.html');
  if (isFile(index)) return index;
  if (isFile(`${path}.html`)) return `${path}.html`;
  return null;
}

/** Every page the sitemap of the site at `site` lists, as local paths. */
export async function sitemapPaths(site: string): Promise<string[]> {
  const index = await (await fetch(`${site}/sitemap-index.xml`)).text();
  const paths: string[] = [];
  for (const [, loc] of index.matchAll(/<loc>([^<]+)<\/loc>/g)) {
    const xml = await (await fetch(`${site}${new URL(loc).pathname}`)).text();
    for (const [, url] of xml.matchAll(/<loc>([^<]+)<\/loc>/g)) paths.push(new URL(url).pathname);
  }
  return paths;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves `root` on a free local port, adding `headers` to every response (a CSP, say). */
export async function serveDist(root: string, headers: Record<string, string> = {}): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const file = resolveFile(root, pathname);
    // A folder asked for without its slash gets redirected, as static hosts do, so
    // relative URLs in its index.html resolve inside the folder.
    if (file && file.endsWith(`${sep}index.html`) && !pathname.endsWith('/') && !pathname.endsWith('.html')) {
      res.writeHead(301, { location: `${pathname}/` }).end();
      return;
    }
    const status = file ? 200 : 404;
    const body = file ?? join(root, '404.html');
    if (!isFile(body)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(status, {
      ...headers,
      'content-type': TYPES[extname(body)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(body).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
