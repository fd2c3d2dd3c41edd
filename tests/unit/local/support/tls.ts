import { readFileSync } from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';

const DIR = path.resolve(import.meta.dirname, '../../../fixtures/local/tls');

/**
 * The test certificate for 127.0.0.1 (tests/fixtures/local/tls), trusted by this process's default CA list, so that
 * the SDK's realtime WebSocket class, which insists on wss:, can reach the local server.
 */
export function trustedLocalCertificate(): { key: string; cert: string } {
  const pair = { key: readFileSync(path.join(DIR, 'key.pem'), 'utf8'), cert: readFileSync(path.join(DIR, 'cert.pem'), 'utf8') };
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), pair.cert]);
  return pair;
}
