/**
 * dlc's version, read from the package.json of the package this file sits in: the
 * repository's when run from the sources (compiler/cli/), the installed package's when run
 * from the build (build/compiler/cli/). Read, not written here, so `dlc --version` cannot
 * drift from the version npm installed.
 */
import { readFileSync } from 'node:fs';

export function dlcVersion(): string {
  for (let dir = new URL('./', import.meta.url); ; ) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'dlc' && pkg.version) return pkg.version;
    } catch {
      // No package.json here (or not one Node could read): keep going up.
    }
    const parent = new URL('../', dir);
    if (parent.href === dir.href) return 'unknown';
    dir = parent;
  }
}
