import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/checks/banned-app/banned-app-check';
import { couldNotLook, notApplicable, ran, type Hit, type Probe } from '../../../src/core/checks/banned-app/probe';
import { builtinPolicy } from '../../../src/core/policy/policy';

const zoom = builtinPolicy().bannedApps[0]!;
const probe = (id: string): Probe => ({ id, run: async () => notApplicable('unused') });
const pkgHit: Hit = { kind: 'installed', install: 'dpkg:zoom', source: 'dpkg', remediation: 'uninstall.package', evidence: { kind: 'package', detail: 'dpkg package zoom', version: '6.2.5.2440', data: { manager: 'dpkg', name: 'zoom' } } };
const folderHit: Hit = { kind: 'installed', install: 'dpkg:zoom', source: '/opt/zoom', evidence: { kind: 'folder', path: '/opt/zoom', detail: 'install folder' } };
const procHit: Hit = { kind: 'running', install: 'process:zoom', source: 'ps', evidence: { kind: 'process', detail: 'zoom (pid 4242)', data: { pid: '4242', name: 'zoom' } } };

describe('judge', () => {
  it('groups hits of one install into one finding with all evidence and a stable id', () => {
    const a = judge(zoom, [[probe('linux.dpkg'), ran('dpkg', [pkgHit])], [probe('linux.paths'), ran('/opt', [folderHit])], [probe('linux.ps'), ran('ps', [procHit])]]);
    const b = judge(zoom, [[probe('linux.ps'), ran('ps', [procHit])], [probe('linux.dpkg'), ran('dpkg', [pkgHit, folderHit])]]);
    expect(a).toHaveLength(2);
    const installed = a.find((f) => f.evidence.length === 2)!;
    expect(installed).toMatchObject({ status: 'violation', severity: 'high', advisoryPoint: 1, remediation: 'uninstall.package', title: { key: 'bannedApp:installed.title', params: { app: 'Zoom', product: 'zoom 6.2.5.2440' } } });
    expect(a.find((f) => f.severity === 'critical')?.title.key).toBe('bannedApp:running.title');
    expect(a.map((f) => f.id).sort()).toEqual(b.map((f) => f.id).sort());
  });

  it('reports a probe that could not look as unknown with its reason, and no blanket ok', () => {
    const out = judge(zoom, [[probe('linux.dpkg'), ran('dpkg', [])], [probe('linux.snap'), couldNotLook('snap', 'common:reason.timeout', { tool: 'snap' })]]);
    expect(out.map((f) => f.status)).toEqual(['ok', 'unknown']);
    expect(out[0]!.title.key).toBe('bannedApp:ok.partialTitle');
    expect(out[1]!.reason).toEqual({ key: 'common:reason.timeout', params: { tool: 'snap' } });
  });

  it('says ok only for what it looked at', () => {
    const out = judge(zoom, [[probe('linux.dpkg'), ran('dpkg', [])], [probe('linux.rpm'), notApplicable('no rpm database')]]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ status: 'ok', title: { key: 'bannedApp:ok.title', params: { count: 1 } } });
    expect(out[0]!.evidence.map((e) => e.data?.probe)).toEqual(['linux.dpkg']);
  });

  it('is unknown, not ok, when no probe applies at all', () => {
    const out = judge(zoom, [[probe('linux.rpm'), notApplicable('no rpm')]]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ status: 'unknown', reason: { key: 'common:reason.noProbe' } });
  });
});
