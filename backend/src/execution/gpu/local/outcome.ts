// How one run ended, before the driver stamps it with times and retryability (RunResult). Both ways of
// running (a process per run, a persistent server) produce this, so classification lives in one place.
import type { RunErrorCode } from '../driver.ts';

export type Outcome = { ok: true; output: unknown; logs: string } | { ok: false; code: RunErrorCode; message: string; logs: string };

export function failed(code: RunErrorCode, message: string, logs = ''): Outcome {
  return { ok: false, code, message, logs };
}
