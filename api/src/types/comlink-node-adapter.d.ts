// Comlink ships types for its Node adapter without the .mjs extension that Node's ESM resolution needs.
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
