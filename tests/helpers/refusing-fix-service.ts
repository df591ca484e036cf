import { AppError } from '../../src/main/ipc-main';
import type { FixService } from '../../src/main/fix-service';

/** A fix service that refuses every call, as the real one does on a recorded machine (ATTT_SELFCHECK_FIXTURE). */
export const refusingFixService: FixService = {
  plan: () => Promise.reject(new AppError('not-available', { key: 'fix:cli.recordedHost' })),
  run: () => Promise.reject(new AppError('not-available', { key: 'fix:cli.recordedHost' })),
};
