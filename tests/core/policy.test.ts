import { describe, expect, it } from 'vitest';
import { builtinPolicy, parsePolicy, PolicyError } from '../../src/core/policy/policy';

describe('policy', () => {
  it('the built-in policy is Công văn 1981/UBND-VHTT with the documents it rests on and four points', () => {
    const p = builtinPolicy();
    expect(p.number).toBe('1981/UBND-VHTT');
    expect(p.date).toBe('2020-05-14');
    expect(p.citations.map((c) => c.number)).toEqual(expect.arrayContaining(['2706/UBND-XD6', '799/STTTT-CNTT', '1589/UBND-VHTT']));
    expect(p.points.map((x) => x.n)).toEqual([1, 2, 3, 4]);
    expect(p.bannedApps.map((a) => a.id)).toEqual(['zoom']);
    expect(p.bannedApps[0]!.windows.uninstallKeyNames).toContain('ZoomUMX');
  });

  it('names the risks the letter itself names, and writes every date of its documents one way (dd/mm/yyyy)', () => {
    const p = builtinPolicy();
    expect(p.risks.map((r) => r.id)).toEqual(['facebook', 'fake-domains', 'login-theft', 'takeover', 'camera-video', 'flaws-for-sale']);
    const dmy = (iso: string): string => iso.split('-').reverse().join('/');
    for (const c of p.citations) {
      expect(c.title.vi).toContain(`ngày ${dmy(c.date)}`);
      expect(c.title.en).toContain(`of ${dmy(c.date)}`);
    }
    expect(p.title.vi).toContain(`ngày ${dmy(p.date)}`);
    expect(p.title.en).toContain(`of ${dmy(p.date)}`);
    // No other form anywhere in the document's texts: 27/4/2020, 8 May 2020.
    const texts = JSON.stringify([p.title, p.citations, p.points, p.risks]);
    expect(texts).not.toMatch(/\b\d{1,2}\/\d\/\d{4}\b|\b\d\/\d{2}\/\d{4}\b/);
    expect(texts).not.toMatch(/\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/);
  });

  it('refuses a policy with every problem listed', () => {
    const bad = { ...structuredClone(builtinPolicy()), id: 'Bad Id!', patch: { maxBehindDays: -1, catalogMaxAgeDays: 60 } };
    (bad.bannedApps[0]!.windows as { displayNamePatterns: string[] }).displayNamePatterns = ['(unclosed'];
    try {
      parsePolicy(bad, 'test.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      const issues = (e as PolicyError).issues.join('\n');
      expect(issues).toMatch(/^id:/m);
      expect(issues).toMatch(/patch\.maxBehindDays/);
      expect(issues).toMatch(/displayNamePatterns\.0: a valid regular expression/);
    }
  });

  it.each([null, 42, 'x', [], { schemaVersion: 2 }])('refuses garbage %j without throwing anything but PolicyError', (input) => {
    expect(() => parsePolicy(input)).toThrow(PolicyError);
  });
});
