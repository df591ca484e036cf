/**
 * Three checks as the tray records them in history.json (newest first), and the findings they hold beyond
 * tests/shared/sample-report.ts: for the CLI's `history`, the window's history page and the advisory page.
 */
import type { Finding } from '../../src/shared/finding';
import { historyEntry, type HistoryEntry } from '../../src/shared/history';
import { dpkgUnknown, reportWith, zoomInstalled, zoomLeftover } from './sample-report';

/** Another account's Zoom, titled as the banned-app check titles it (its evidence names the account's hive by SID). */
export const otherUsersZoom: Finding = {
  ...zoomInstalled,
  id: 'banned-app:5555666677778888',
  title: { key: 'bannedApp:installed.titleOfUser', params: { app: 'Zoom', product: 'Zoom Workplace 6.1.11', user: 'nguyenvana' } },
  evidence: [{ kind: 'registry', path: 'HKU\\S-1-5-21-1004336348-1177238915-682003330-1001\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomUMX', detail: 'Zoom' }],
};

/** Windows behind on updates, as the os-patch check words it. */
export const patchBehind: Finding = {
  id: 'os-patch:0a1b2c3d4e5f6a7b',
  check: 'os-patch',
  status: 'warning',
  severity: 'medium',
  advisoryPoint: 2,
  title: { key: 'patch:behind.title', params: { os: 'Windows 11 Pro 23H2', installed: '22631.4890', latest: '22631.7376', latestDate: '14/07/2026', count: 45 } },
  evidence: [],
};

/** The checks each recorded run covered. */
export const RECORDED_CHECK_IDS: readonly string[] = ['banned-app', 'os-patch'];

/** The time of a recorded run on 20/05/2026 at `hour` (0-9) UTC. */
export const recordedAt = (hour: number): string => `2026-05-20T0${hour}:00:00.000Z`;

/** A run recorded at `hour` with these findings, covering both checks. */
export const recordedRun = (hour: number, findings: readonly Finding[]): HistoryEntry => historyEntry({ ...reportWith(findings, recordedAt(hour)), checks: RECORDED_CHECK_IDS });

/** Three runs, newest first: 05:00 the other account's Zoom is gone and the patch warning became a violation; 04:00 the leftover and the other account's Zoom are new, the dpkg probe could look again; 03:00 the first. */
export const RECORDED_HISTORY: readonly HistoryEntry[] = [
  recordedRun(5, [zoomInstalled, zoomLeftover, { ...patchBehind, status: 'violation' }]),
  recordedRun(4, [zoomInstalled, zoomLeftover, otherUsersZoom, patchBehind]),
  recordedRun(3, [zoomInstalled, dpkgUnknown, patchBehind]),
];
