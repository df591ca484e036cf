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
