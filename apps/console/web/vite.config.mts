// Builds the console into dist/apps/console/static (`npm run build` runs it, scripts/build.js); the platform serves
// that directory at `/` (apps/console/src/console-assets.ts). `npm run console:dev` serves the sources with hot reload
// and forwards API calls to a platform running at CONSOLE_DEV_API (default http://127.0.0.1:3000).
import { defineConfig, loadEnv } from 'vite';

const here = new URL('.', import.meta.url).pathname;

export default defineConfig(({ mode }) => {
  const api = loadEnv(mode, here, 'CONSOLE_')['CONSOLE_DEV_API'] ?? 'http://127.0.0.1:3000';
  return {
    root: here,
    base: '/',
    // No public/ directory: everything the page needs is imported by the code and hashed by the bundler.
    publicDir: false,
    // Only the CONSOLE_PUBLIC_ prefix may reach the bundle (none is used): nothing else from the environment.
    envPrefix: 'CONSOLE_PUBLIC_',
    build: {
      outDir: `${here}../../../dist/apps/console/static`,
      emptyOutDir: true,
      target: 'es2022',
      // No source maps in the served bundle; the sources are in the repository.
      sourcemap: false,
      // No inline polyfill script, so the Content-Security-Policy can forbid inline scripts.
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
    },
    server: {
      proxy: Object.fromEntries(['/api', '/health', '/.well-known'].map((path) => [path, api])),
    },
  };
});
