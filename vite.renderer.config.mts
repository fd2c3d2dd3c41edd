import path from 'node:path';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// The workbench page, shared by the Electron window and the web shell. Built to the folder Forge expects.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/shell/renderer'),
  base: '/',
  plugins: [solid()],
  build: {
    outDir: path.resolve(import.meta.dirname, '.vite/renderer/main_window'),
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: true,
  },
});
