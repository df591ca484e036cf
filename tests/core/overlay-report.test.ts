import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/shared/finding';
import { overlayReport } from '../../src/core/overlay-report';
import { reportWith, zoomInstalled, zoomOk } from '../shared/sample-report';

const patchPending: Finding = { id: 'os-patch:aaaa', check: 'os-patch', status: 'warning', severity: 'medium', advisoryPoint: 2, title: { key: 'patch:pending.title' }, evidence: [] };
const patchOk: Finding = { id: 'os-patch:bbbb', check: 'os-patch', status: 'ok', severity: 'info', advisoryPoint: 2, title: { key: 'patch:ok.supported' }, evidence: [] };

describe('overlayReport', () => {
  it('replaces the findings of the checks that ran and keeps the others from the last report, recounted', () => {
    const last = { ...reportWith([zoomOk, patchPending, patchOk], '2026-05-20T03:00:00.000Z'), checks: ['banned-app', 'os-patch'] };
    const partial = { ...reportWith([zoomInstalled], '2026-05-20T03:30:00.000Z'), checks: ['banned-app'] };
    const r = overlayReport(last, partial);
    expect(r.findings).toEqual([zoomInstalled, patchPending, patchOk]);
    expect(r.checks).toEqual(['banned-app', 'os-patch']);
    expect(r.summary).toEqual({ violation: 1, warning: 1, unknown: 0, ok: 1, notice: 0 });
    expect(r.generatedAt).toBe('2026-05-20T03:30:00.000Z');
  });

  it('a full report replaces everything; with no last report the partial one stands alone', () => {
    const full = { ...reportWith([zoomOk, patchOk]), checks: ['banned-app', 'os-patch'] };
    expect(overlayReport({ ...reportWith([zoomInstalled, patchPending]), checks: ['banned-app', 'os-patch'] }, full).findings).toEqual([zoomOk, patchOk]);
    const partial = { ...reportWith([zoomInstalled]), checks: ['banned-app'] };
    expect(overlayReport(null, partial)).toBe(partial);
  });

  it('reads which checks ran from the findings of a report written before reports listed them', () => {
    const old = reportWith([zoomInstalled, patchPending]);
    const r = overlayReport(old, { ...reportWith([zoomOk]), checks: ['banned-app'] });
    expect(r.findings).toEqual([zoomOk, patchPending]);
    expect(r.checks).toEqual(['banned-app', 'os-patch']);
  });
});
