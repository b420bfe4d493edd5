/**
 * `astro dev`: a page that embeds a spec file with `<Spec src>` shows the file's new text
 * after an edit. The remark plugin reads spec files itself, so Vite does not know the MDX
 * depends on them: on a change in the specs folder, the MDX modules are invalidated (they
 * are recompiled, and the spec checked, on the next request) and the browser reloads.
 */
import { sep } from 'node:path';
import type { Plugin } from 'vite';

/** @example updateConfig({ vite: { plugins: [watchSpecs('/site/specs')] } }) */
export function watchSpecs(specsDir: string): Plugin {
  return {
    name: 'dlc:watch-specs',
    apply: 'serve',
    configureServer(server) {
      server.watcher.add(specsDir);
      const changed = (path: string): void => {
        if (!path.startsWith(specsDir + sep) || !path.endsWith('.dl')) return;
        for (const environment of Object.values(server.environments)) {
          for (const mod of environment.moduleGraph.idToModuleMap.values()) {
            if (mod.file?.endsWith('.mdx')) environment.moduleGraph.invalidateModule(mod);
          }
        }
        server.ws.send({ type: 'full-reload' });
      };
      server.watcher.on('change', changed);
      server.watcher.on('add', changed);
    },
  };
}
