import react from '@vitejs/plugin-react';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

// The renderer build: renderer/ -> dist/renderer/, served by the engine's HTTP bridge
// (core/server/httpBridge.ts) and by Electron's app:// protocol. A relative base makes the same
// build work from both. The output has no inline scripts: the page's CSP is `script-src 'self'`.

const root = path.dirname(fileURLToPath(import.meta.url));
const forbiddenDirs = ['core', 'electron'].map((d) => path.join(root, d) + path.sep);
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The renderer may import shared/ and its npm dependencies, never core/, electron/ or Node. */
function rendererBoundary(): Plugin {
  return {
    name: 'concord:renderer-boundary',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || importer.includes('/node_modules/')) return null;
      if (nodeBuiltins.has(source) || source === 'electron') {
        this.error(`${path.relative(root, importer)} imports "${source}": the renderer runs in a browser sandbox and may not use Node or Electron modules`);
      }
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved && forbiddenDirs.some((d) => resolved.id.startsWith(d))) {
        this.error(`${path.relative(root, importer)} imports ${path.relative(root, resolved.id)}: the renderer may import shared/, never core/ or electron/ (call the API instead)`);
      }
      return null;
    },
  };
}

/**
 * The dev server's React refresh preamble is an inline script, which the page's CSP meta tag
 * rightly blocks; drop the meta tag in dev only (the production build keeps it).
 */
function devWithoutCspMeta(): Plugin {
  return {
    name: 'concord:dev-without-csp-meta',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
  };
}

export default defineConfig({
  root: path.join(root, 'renderer'),
  base: './',
  publicDir: false,
  plugins: [rendererBoundary(), react(), devWithoutCspMeta()],
  build: {
    outDir: path.join(root, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    // No polyfill: it would be unnecessary code (Chromium and Electron support modulepreload).
    modulePreload: { polyfill: false },
    // Everything ships as files, nothing as data: URLs.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `CONCORD_API=http://127.0.0.1:PORT npx vite` proxies API calls to a running engine
    // (`npm run dev:server -- --workspace DIR`); open the dev URL with `#token=...` appended.
    proxy: process.env.CONCORD_API ? { '/api': { target: process.env.CONCORD_API, changeOrigin: true } } : undefined,
  },
});
