import { describe, expect, it } from 'vitest';
import type { Evidence, Finding } from '../../../src/shared/finding';
import type { Report } from '../../../src/shared/report';
import { judgeRemoval } from '../../../src/core/remediation/fix-flow';
import type { RemediationPlan } from '../../../src/core/remediation/plan';
import type { PlanRun } from '../../../src/core/remediation/runner';

const ok: Finding = { id: 'banned-app:ok', check: 'banned-app', status: 'ok', severity: 'info', advisoryPoint: 1, title: { key: 'bannedApp:ok.title' }, evidence: [{ kind: 'probe', detail: 'dpkg', data: { probe: 'linux.dpkg' } }] };
const found = (id: string, status: Finding['status'], evidence: Evidence[]): Finding => ({ id, check: 'banned-app', status, severity: 'high', advisoryPoint: 1, title: { key: `bannedApp:${id}` }, evidence });
const report = (findings: Finding[]): Report => ({
  schemaVersion: 3,
  tool: { name: 't', version: '0' },
  generatedAt: '2026-11-25T08:00:00.000Z',
  host: { os: 'linux', release: '', arch: 'x64', hostname: 'h' },
  policy: { id: 'p', number: '1981/UBND-VHTT', title: { vi: 'v', en: 'e' }, citations: [] },
  findings,
  summary: { violation: 0, warning: 0, unknown: 0, notice: 0, ok: 0 },
  durationMs: 0,
});
const plan = (findingId: string, evidence: Evidence[]): RemediationPlan => ({ id: `${findingId}:uninstall`, findingId, kind: 'uninstall', title: { key: 'x' }, steps: [], manual: [], evidence });
const ran = (p: RemediationPlan): Map<string, PlanRun> => new Map([[p.id, { planId: p.id, outcome: 'done', steps: [] }]]);

const dpkgZoom = plan('banned-app:dpkg', [
  { kind: 'package', detail: 'dpkg: zoom', version: '6.2.0', data: { manager: 'dpkg', name: 'zoom' } },
  { kind: 'folder', path: '/opt/zoom', detail: 'folder /opt/zoom' },
]);
const perUser = plan('banned-app:zoomumx', [
  { kind: 'registry', path: 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\ZoomUMX', detail: 'Zoom' },
  { kind: 'file', path: 'C:\\Users\\An\\AppData\\Roaming\\Zoom\\bin\\Zoom.exe', detail: 'file' },
]);

describe('judgeRemoval', () => {
  it('is still present when the package went but its folder stayed (the identity changed, the install did not go)', () => {
    const after = report([ok, found('banned-app:folder', 'violation', [{ kind: 'folder', path: '/opt/zoom', detail: 'folder /opt/zoom' }])]);
    const [v] = judgeRemoval([dpkgZoom], ran(dpkgZoom), after, 'zoom');
    expect(v).toMatchObject({ verdict: 'still-present', remaining: [{ path: '/opt/zoom' }] });
  });

  it('is still present when the Uninstall key went but Zoom.exe stayed (Windows paths compared without case)', () => {
    const after = report([ok, found('banned-app:file', 'violation', [{ kind: 'file', path: 'c:\\users\\an\\appdata\\roaming\\zoom\\bin\\zoom.exe', detail: 'file' }])]);
    expect(judgeRemoval([perUser], ran(perUser), after, 'zoom')[0]!.verdict).toBe('still-present');
  });

  it('is still present when the same package is found again in another state (config files left)', () => {
    const after = report([ok, found('banned-app:dpkg-left', 'warning', [{ kind: 'package', detail: 'dpkg: zoom config-files', data: { manager: 'dpkg', name: 'zoom' } }])]);
    expect(judgeRemoval([dpkgZoom], ran(dpkgZoom), after, 'zoom')[0]!.verdict).toBe('still-present');
  });

  it('is removed when what remains is only unrelated or a parent data folder (a leftover of its own)', () => {
    const after = report([
      ok,
      found('banned-app:home', 'warning', [{ kind: 'folder', path: '/home/an/.zoom', detail: 'folder' }]),
      found('banned-app:data', 'warning', [{ kind: 'folder', path: 'C:\\Users\\An\\AppData\\Roaming\\Zoom', detail: 'folder' }]),
      found('banned-app:other-pkg', 'violation', [{ kind: 'package', detail: 'snap', data: { manager: 'snap', name: 'zoom-client' } }]),
    ]);
    expect(judgeRemoval([dpkgZoom, perUser], new Map([...ran(dpkgZoom), ...ran(perUser)]), after, 'zoom').map((v) => v.verdict)).toEqual(['removed', 'removed']);
  });

  it('is not proven when the probe that would see it could not look', () => {
    const blind = found('banned-app:unknown', 'unknown', [{ kind: 'probe', detail: 'dpkg', data: { probe: 'linux.dpkg' } }]);
    expect(judgeRemoval([dpkgZoom], ran(dpkgZoom), report([blind]), 'zoom')[0]!.verdict).toBe('not-proven');
  });
});
