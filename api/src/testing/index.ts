export { createTestHost, type TestHost, type TestHostOptions } from './createTestHost.ts';
