/**
 * Content-Security-Policy of the workbench page. `connect-src` lists only the engine origins the page may talk to
 * (the Realtime SDP exchange happens in the page); everything else goes through the bridge.
 */
export function workbenchCsp(engineOrigins: readonly string[]): string {
  // Chromium does not let an http(s) source cover ws(s) URLs, and Realtime sessions over WebSocket need them.
  const origins = engineOrigins.flatMap((origin) => [origin, origin.replace(/^http/, 'ws')]);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${origins.join(' ')}`.trim(),
    "worker-src 'self'",
    "media-src 'self' blob: mediastream:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Content-Security-Policy delivered with every plugin worker script. A dedicated worker obeys the policy of its
 * own script response, so `connect-src 'none'` stops a plugin's own fetch and WebSocket calls: its only way out
 * is `api.net.fetch`, which the host checks against the plugin's declared origins.
 */
export const pluginWorkerCsp = "default-src 'none'; connect-src 'none'; script-src 'none'";
