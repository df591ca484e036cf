// The window's verdict and the tray's colour are one rule: the same report gives the same colour.
import { describe, expect, it } from 'vitest';
import { trayStateFor } from '../../src/main/tray-state';
import { verdictOf } from '../../src/shared/verdict';
import { dpkgUnknown, reportWith, zoomInstalled, zoomLeftover, zoomOk, zoomRunning } from '../shared/sample-report';

describe('verdictOf', () => {
  it.each([
    ['a violation', [zoomOk, zoomLeftover, zoomInstalled], 'red'],
    ['a running app', [zoomRunning], 'red'],
    ['a warning', [zoomOk, zoomLeftover, dpkgUnknown], 'amber'],
    ['could not look', [zoomOk, dpkgUnknown], 'grey'],
    ['no finding at all', [], 'grey'],
    ['all clean', [zoomOk], 'green'],
  ] as const)('%s: %s, as the tray says', (_name, findings, colour) => {
    const r = reportWith(findings);
    expect(verdictOf(r)).toBe(colour);
    expect(trayStateFor(r, false)).toBe(colour);
  });

  it('never checked is grey, as the tray says', () => {
    expect(verdictOf(null)).toBe('grey');
    expect(trayStateFor(null, false)).toBe('grey');
  });
});
