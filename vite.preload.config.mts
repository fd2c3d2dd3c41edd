import { defineConfig } from 'vite';

// Sandboxed preloads may require only 'electron', so everything else is bundled into one CommonJS file.
export default defineConfig({
  build: {
    rollupOptions: {
      external: ['electron'],
      output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
    },
  },
});
