import type { RegistrationKind } from '../manifest/declared.ts';
import type { AudioFormat, EchoSuppression } from '../model/audio.ts';
import type { CallChannel } from '../manifest/types.ts';
import { fromPort } from '../rpc/portStream.ts';

/** How the host sends audio to a transcriber: frames travel on their own transferred port. */
export interface AudioInputDto {
  readonly channel: CallChannel;
  readonly format: AudioFormat;
  readonly port: MessagePort;
  readonly callEpochMs?: number;
  readonly echoSuppression?: EchoSuppression;
  readonly catchUpFrom?: number;
}

/** Turns wire arguments into what the provider's typed signature promises (ports become observables). */
export function adaptArgs(kind: RegistrationKind, method: string, args: unknown[]): unknown[] {
  if (kind === 'transcribers' && method === 'transcribe') {
    const [dto, ...rest] = args as [AudioInputDto, ...unknown[]];
    return [{ channel: dto.channel, format: dto.format, callEpochMs: dto.callEpochMs, echoSuppression: dto.echoSuppression, catchUpFrom: dto.catchUpFrom, frames$: fromPort(dto.port) }, ...rest];
  }
  return args;
}
