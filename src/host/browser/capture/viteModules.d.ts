// The worklet is bundled by Vite (`?worker&url`); this gives the other TypeScript projects its module types.
/// <reference types="vite/client" />
