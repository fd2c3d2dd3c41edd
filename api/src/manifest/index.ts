export * from './types.ts';
export * from './schema.ts';
export * from './declared.ts';
export * from './permissions.ts';
export * from './settings.ts';
export { API_VERSION } from '../version.ts';
