import type { Report } from '../shared/report';
import { verdictOf } from '../shared/verdict';

/** The tray icon's states: its colour (and symbol) says the result at a glance, or that a check or removal runs. */
export type TrayState = 'green' | 'amber' | 'red' | 'grey' | 'fixing' | 'checking';

/** Every tray state, for icon loading and tests. */
export const TRAY_STATES: readonly TrayState[] = ['green', 'amber', 'red', 'grey', 'fixing', 'checking'];

/**
 * The icon state for a report: red for a violation, amber for warnings, grey when a check could
 * not look or never ran, green only when everything was looked at and found clean; while a removal
 * runs "fixing", while a check runs "checking".
 */
export function trayStateFor(report: Report | null, fixing: boolean, checking = false): TrayState {
  if (fixing) return 'fixing';
  if (checking) return 'checking';
  return verdictOf(report);
}
