import { describe, expect, it } from 'vitest';
import { languageHint, parseArgs, UsageError } from '../../src/cli/args';
import { main } from '../../src/cli/main';
import { FixtureHost } from '../../src/core/host/fixture-host';

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

describe('names inherited from Object.prototype are not flags', () => {
  const inherited = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];

  it.each(inherited.flatMap((name) => [[[`--${name}`, 'x']], [[`--${name}=x`]], [[`--${name}`]], [[`-${name}`]]]))('%j is an unknown option', (argv) => {
    try {
      parseArgs(argv, { 'dry-run': 'boolean', catalog: 'string' });
      expect.unreachable('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(UsageError);
      expect((e as UsageError).key).toBe('cli:error.unknownOption');
      expect((e as UsageError).params.option).toBe(argv[0]!.split('=')[0]);
    }
  });

  it('keeps parsed flags in a table without a prototype, so nothing reads as set that was not given', () => {
    const a = parseArgs(['--json'], { yes: 'boolean' });
    expect(Object.getPrototypeOf(a.flags)).toBeNull();
    expect(a.flags.constructor).toBeUndefined();
    expect(Object.keys(a.flags)).toEqual(['json']);
  });

  it.each([['--__proto__', 'x'], ['--constructor', 'x'], ['check', '--constructor=1'], ['fix', 'zoom', '--__proto__']])('the CLI answers %j with exit 64 and the message', async (...argv) => {
    const io = { stdout: '', stderr: '', out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t), confirm: async () => false };
    const host = new FixtureHost({ platform: 'linux', homedir: '/h' });
    expect(await main([...argv, '--lang', 'en'], { io, host })).toBe(64);
    const option = argv.find((a) => a.startsWith('-'))!.split('=')[0];
    expect(io.stderr).toMatch(new RegExp(`^Error: There is no option «${option}»\\.\\n\\nUsage:`));
    expect(io.stdout).toBe('');
  });
});
