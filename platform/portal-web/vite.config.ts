/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server forwards API calls to a running Portico. The Host header is passed through unchanged (no
// changeOrigin), because it names the studio: open http://serenity.localhost:5173/portal/.
const backend = process.env.PORTICO_URL ?? 'http://localhost:8080';

const THEME_LINK = '<link rel="stylesheet" href="/portal/theme.css" />';
const THEME_LINK_LINE = /\n[ \t]*<link rel="stylesheet" href="\/portal\/theme\.css" \/>/;

/** The studio's theme.css goes after the bundle's stylesheet, so its tokens win over the built-in fallbacks. */
function themeLast(): Plugin {
  return {
    name: 'portico-theme-last',
    transformIndexHtml: {
      order: 'post',
      handler: (html) => html.replace(THEME_LINK_LINE, '').replace('</head>', `  ${THEME_LINK}\n  </head>`),
    },
  };
}

/** The staff pages (/admin/**) are the same page with its own route tree, as the Portico app serves them. */
function adminRoutes(): Plugin {
  return {
    name: 'portico-admin-routes',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && /^\/admin(\/|\?|$)/.test(req.url)) {
          req.url = '/portal/';
        }
        next();
      });
    },
  };
}

export default defineConfig({
  base: '/portal/',
  plugins: [react(), themeLast(), adminRoutes()],
  build: {
    outDir: 'target/classes/static/portal',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    rollupOptions: {
      output: {
        // Libraries change less often than the app: separate files stay cached across releases.
        manualChunks: (id) => {
          if (!id.includes('node_modules')) {
            return undefined;
          }
          if (/node_modules\/(react|react-dom|react-router|scheduler)\//.test(id)) {
            return 'react';
          }
          if (/node_modules\/(zod|react-hook-form|@hookform)\//.test(id)) {
            return 'forms';
          }
          // Anything else (e.g. the QR library of the lazy member card page) stays with its importer.
          return /node_modules\/(@tanstack|i18next|react-i18next)\//.test(id) ? 'vendor' : undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: backend },
      '/portal/theme.css': { target: backend },
      '/themes': { target: backend },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    restoreMocks: true,
    unstubGlobals: true,
  },
});
