/**
 * @sotto/api — the only module a Sotto plugin imports.
 *
 * A plugin's package.json declares what it contributes; its entry exports `activate(context, api)` and
 * optionally `deactivate()`. Everything it may do goes through `api`.
 */
export * from './common/disposable.ts';
export * from './common/event.ts';
export * from './common/cancellation.ts';
export { PluginError, type ErrorCode } from './common/errors.ts';
export * from './manifest/types.ts';
export * from './model/call.ts';
export * from './model/pricing.ts';
export * from './model/audio.ts';
export * from './model/audioRing.ts';
export * from './model/panel.ts';
export * from './model/services.ts';
export * from './model/realtime.ts';
export * from './plugin.ts';
export { API_VERSION } from './version.ts';
/** RxJS, re-exported so that plugins need no other import to work with the API's streams. */
export * as rx from 'rxjs';
