import { ReplaySubject, Subject } from 'rxjs';
import { streamNames, type StreamName, type StreamTypes } from '@sotto/api';

/** The shared typed streams. Plugins reach them over the wire; the workbench subscribes directly. */
/** Streams that say how things are now: a late subscriber (a view opened mid-call) gets the latest value first. */
const stateStreams: ReadonlySet<StreamName> = new Set(['callState']);

export class StreamBus {
  private readonly subjects = Object.fromEntries(streamNames.map((name) => [name, stateStreams.has(name) ? new ReplaySubject<unknown>(1) : new Subject<unknown>()])) as Record<StreamName, Subject<unknown>>;

  publish<K extends StreamName>(stream: K, value: StreamTypes[K]): void {
    this.subjects[stream].next(value);
  }

  stream<K extends StreamName>(stream: K): Subject<StreamTypes[K]> {
    return this.subjects[stream] as Subject<StreamTypes[K]>;
  }
}
