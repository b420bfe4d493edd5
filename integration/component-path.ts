/**
 * Where the integration's Astro components are on disk. MDX pages import them by absolute
 * path, so they resolve from any site, inside or outside node_modules. The components ship
 * as sources (Vite compiles them in the site's build) while this module may run from built
 * JavaScript in another folder, so the path is found by walking up to the folder that holds
 * `integration/components/`, not by a fixed relative URL.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @example
 * componentPath('Spec.astro') // '/…/node_modules/dlc/integration/components/Spec.astro'
 */
export function componentPath(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    const path = join(dir, 'integration', 'components', name);
    if (existsSync(path)) return path;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`dlc: the component integration/components/${name} is missing from the package (looked above ${here}).`);
}
