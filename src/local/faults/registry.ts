import { ApiError, rateLimited, serverError, unauthorized } from '../http/errors.ts';
import type { FaultPlan, HttpFault, RealtimeFault } from './plan.ts';

/** The fault plan in force. Empty and unreachable from outside unless the server was started with faults enabled. */
export class FaultRegistry {
  private http: HttpFault[] = [];
  private realtime: RealtimeFault[] = [];

  constructor(readonly enabled: boolean, plan?: FaultPlan) {
    if (plan) this.replace(plan);
  }

  replace(plan: FaultPlan): void {
    this.http = (plan.http ?? []).map((f) => ({ ...f }));
    this.realtime = [...(plan.realtime ?? [])];
  }

  plan(): FaultPlan {
    return { http: this.http, realtime: this.realtime };
  }

  realtimeFaults(): RealtimeFault[] {
    return [...this.realtime];
  }

  /** The injected error for this request, if a fault matches (each match uses up one of its `times`). */
  httpFailure(method: string, v1Path: string): ApiError | null {
    const index = this.http.findIndex((f) => v1Path.startsWith(f.path) && (!f.method || f.method.toUpperCase() === method));
    if (index < 0) return null;
    const fault = this.http[index];
    if (fault.times !== undefined && --fault.times <= 0) this.http.splice(index, 1);
    if (fault.status === 401) return unauthorized('Injected fault: invalid API key.');
    if (fault.status === 429) return rateLimited(fault.retryAfterSeconds ?? 1);
    const error = serverError(fault.status);
    return fault.retryAfterSeconds === undefined
      ? error
      : new ApiError(error.status, error.message, error.type, null, error.code, { 'retry-after': String(fault.retryAfterSeconds) });
  }
}
