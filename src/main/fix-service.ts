/**
 * The removal side of the window, behind one small interface so the controller does not care
 * whether the core's removal engine (src/core/remediation/, written separately) is present yet.
 */
import type { Finding, Message } from '../shared/finding';
import type { FixPlanView, FixProgress } from '../shared/fix';
import { AppError } from './ipc-main';

/** What a removal run reports before the re-check. */
export interface FixOutcome {
  readonly ok: boolean;
  readonly message: Message;
}

/** Plans and runs the removal of one finding. */
export interface FixService {
  plan(finding: Finding): Promise<FixPlanView>;
  run(finding: Finding, planId: string, progress: (p: FixProgress) => void): Promise<FixOutcome>;
}

/** The service used until the removal engine is wired in: every call says clearly that it is not available. */
export const unavailableFixService: FixService = {
  plan: () => Promise.reject(new AppError('not-available', { key: 'ui:error.fixNotAvailable' })),
  run: () => Promise.reject(new AppError('not-available', { key: 'ui:error.fixNotAvailable' })),
};
