export * from './shapes.ts';
export { pipeToPort, fromPort } from './portStream.ts';
export { serveRealtimeConnection, type HostRealtimeConnection } from './realtimeWire.ts';
export { capture, unwrap, toErrorDto, fromErrorDto, type Result, type ErrorDto } from '../common/errors.ts';
export { serveEngineResponse, replyOf, type EngineReply } from './engineWire.ts';
