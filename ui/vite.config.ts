// Build and test configuration for the Meshwright UI. The Tauri shell serves ui/dist,
// so the build must be self-contained: no inline scripts, CSS as files, the layout
// worker as its own module file (the CSP allows only 'self').
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: './',
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    // Inlined assets would become data: URLs; keep everything as files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 3000,
  },
  worker: { format: 'es' },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
