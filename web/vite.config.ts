import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The portal is built into web/dist and served by `brook serve` next to the API, so no
// dev server is needed. `npx vite` in web/ still works against a running Brook on :7420.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 900 },
  server: { proxy: { '/api': 'http://127.0.0.1:7420' } },
});
