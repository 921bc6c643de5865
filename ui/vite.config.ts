import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The window loads only what this build emits: no CDN, no remote font (see tauri.conf.json CSP).
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'safari16',
    // Fonts stay files (CSP allows font-src 'self', not data: URLs).
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    strictPort: true,
    fs: { allow: ['..'] },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
