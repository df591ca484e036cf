import { describe, expect, it } from 'vitest';
import { languageHint, parseArgs, UsageError } from '../../src/cli/args';

describe('parseArgs', () => {
  it('parses words, global flags and command flags', () => {
    const a = parseArgs(['fix', 'zoom', '--dry-run', '--lang', 'en', '--json'], { 'dry-run': 'boolean' });
    expect(a).toMatchObject({ words: ['fix', 'zoom'], lang: 'en', json: true, flags: { 'dry-run': true } });
    expect(parseArgs(['--lang=en']).lang).toBe('en');
    expect(parseArgs([]).lang).toBe('vi');
    expect(parseArgs(['-h']).help).toBe(true);
  });

  it.each([
    [['--bogus'], 'cli:error.unknownOption'],
    [['-x'], 'cli:error.unknownOption'],
    [['--lang'], 'cli:error.missingValue'],
    [['--lang', '--json'], 'cli:error.missingValue'],
    [['--lang', 'fr'], 'cli:error.badLang'],
    [['--json=yes'], 'cli:error.unexpectedArgument'],
  ])('%j is a usage error (%s)', (argv, key) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    try {
      parseArgs(argv);
    } catch (e) {
      expect((e as UsageError).key).toBe(key);
    }
  });
});

describe('languageHint', () => {
  it.each([
    [['--bogus', '--lang', 'en'], 'en'],
    [['--lang=en', 'frobnicate'], 'en'],
    [['--lang', 'fr'], 'vi'],
    [['--lang'], 'vi'],
    [['en'], 'vi'],
  ])('%j -> %s', (argv, lang) => {
    expect(languageHint(argv)).toBe(lang);
  });
});
