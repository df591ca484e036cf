/** Reports as the core makes them (real message keys, real evidence shapes), for main, renderer and e2e tests. */
import type { Finding } from '../../src/shared/finding';
import type { Report } from '../../src/shared/report';

/** Zoom installed per user on Windows: a violation with registry evidence and a removal plan. */
export const zoomInstalled: Finding = {
  id: 'banned-app:0123456789abcdef',
  check: 'banned-app',
  status: 'violation',
  severity: 'high',
  advisoryPoint: 1,
  title: { key: 'bannedApp:installed.title', params: { app: 'Zoom', product: 'Zoom Workplace 5.13.7' } },
  detail: { key: 'bannedApp:installed.detail', params: { app: 'Zoom' } },
  action: { key: 'bannedApp:installed.action', params: { app: 'Zoom', id: 'zoom' } },
  evidence: [
    {
      kind: 'registry',
      path: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomUMX',
      version: '5.13.7 (12602)',
      detail: 'Zoom (per user)',
      data: { hive: 'HKCU', keyName: 'ZoomUMX', uninstallString: '"C:\\Users\\an\\AppData\\Roaming\\Zoom\\uninstall\\Installer.exe" /uninstall', scope: 'user' },
    },
    { kind: 'file', path: 'C:\\Users\\an\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe', detail: 'Zoom.exe', data: { profile: 'an', scope: 'user' } },
  ],
  remediation: 'uninstall.windows-registry',
};

/** Zoom running: the user may be in a call. */
export const zoomRunning: Finding = {
  id: 'banned-app:fedcba9876543210',
  check: 'banned-app',
  status: 'violation',
  severity: 'critical',
  advisoryPoint: 1,
  title: { key: 'bannedApp:running.title', params: { app: 'Zoom', product: 'Zoom' } },
  action: { key: 'bannedApp:running.action', params: { app: 'Zoom' } },
  evidence: [{ kind: 'process', detail: 'Zoom.exe (pid 4242)', data: { pid: '4242', name: 'Zoom.exe' } }],
};

/** A leftover folder: a warning. */
export const zoomLeftover: Finding = {
  id: 'banned-app:aaaabbbbccccdddd',
  check: 'banned-app',
  status: 'warning',
  severity: 'low',
  advisoryPoint: 1,
  title: { key: 'bannedApp:leftover.title', params: { app: 'Zoom', product: 'Zoom' } },
  action: { key: 'bannedApp:leftover.action', params: { app: 'Zoom', id: 'zoom' } },
  evidence: [{ kind: 'folder', path: '/home/an/.zoom', detail: 'leftover folder' }],
  remediation: 'remove.allowlisted',
};

/** A probe that could not look: unknown with its reason. */
export const dpkgUnknown: Finding = {
  id: 'banned-app:1111222233334444',
  check: 'banned-app',
  status: 'unknown',
  severity: 'medium',
  advisoryPoint: 1,
  title: { key: 'bannedApp:unknown.at.linux_dpkg', params: { app: 'Zoom' } },
  reason: { key: 'common:reason.timeout', params: { tool: 'dpkg-query' } },
  evidence: [{ kind: 'probe', detail: 'dpkg', data: { probe: 'dpkg' } }],
};

/** Nothing found. */
export const zoomOk: Finding = {
  id: 'banned-app:9999888877776666',
  check: 'banned-app',
  status: 'ok',
  severity: 'info',
  advisoryPoint: 1,
  title: { key: 'bannedApp:ok.title', params: { app: 'Zoom', count: 6 } },
  evidence: [],
};

/** A report with these findings, counted as the engine counts them. */
export function reportWith(findings: readonly Finding[], generatedAt = '2026-05-20T03:04:05.000Z'): Report {
  const summary = { violation: 0, warning: 0, unknown: 0, notice: 0, ok: 0 };
  for (const f of findings) summary[f.status] += 1;
  return {
    schemaVersion: 3,
    tool: { name: 'attt-selfcheck', version: '0.1.0' },
    generatedAt,
    host: { os: 'win32', release: '10.0.22631', arch: 'x64', hostname: 'pc-01' },
    policy: {
      id: 'cv-1981-ubnd-vhtt',
      number: '1981/UBND-VHTT',
      title: { vi: 'Công văn số 1981/UBND-VHTT', en: 'Official letter No. 1981/UBND-VHTT' },
      citations: [],
    },
    findings,
    summary,
    durationMs: 1234,
  };
}
