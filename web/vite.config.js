// The dashboard builds to web/dist, which `parley serve` serves as static files; relative asset
// paths so it also works from an installed share/parley/web.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
