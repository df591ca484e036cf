import { describe, expect, it } from 'vitest';
import type { Check } from '../../../src/core/checks/check';
import { defaultChecks } from '../../../src/core/checks/default-checks';
import { runChecks } from '../../../src/core/engine';
import { FixtureHost } from '../../../src/core/host/fixture-host';
import type { Host, RunOptions, RunResult } from '../../../src/core/host/host';
import { onceHost } from '../../../src/core/host/once-host';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../src/core/policy/policy';

/** A host that counts every command it is asked to spawn, by argv. */
function counting(inner: Host): Host & { readonly spawns: Map<string, number> } {
  const spawns = new Map<string, number>();
  const run = (argv: readonly string[], options?: RunOptions): Promise<RunResult> => {
    const k = argv.join(' ');
    spawns.set(k, (spawns.get(k) ?? 0) + 1);
    return inner.run(argv, options);
  };
  return new Proxy(inner, { get: (t, p) => (p === 'spawns' ? spawns : p === 'run' ? run : Reflect.get(t, p, t)) }) as Host & { spawns: Map<string, number> };
}

const fixture = () =>
  new FixtureHost({ platform: 'linux', homedir: '/home/an', files: { '/etc/hostname': 'may-01\n' }, commands: [{ argv: ['id', '-u'], stdout: '1000\n' }, { argv: ['ps', '-e'], stdout: '1 init\n' }] });

describe('onceHost', () => {
  it('spawns the same command once, however many ask at the same time or later, and gives each the same result', async () => {
    const inner = counting(fixture());
    const host = onceHost(inner);
    const [a, b] = await Promise.all([host.run(['id', '-u']), host.run(['id', '-u'], { timeoutMs: 5000 })]);
    const c = await host.run(['id', '-u']);
    expect(inner.spawns.get('id -u')).toBe(1);
    expect(a.stdout).toBe('1000\n');
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('counts a different argv, environment, folder or input as another command', async () => {
    const inner = counting(fixture());
    const host = onceHost(inner);
    await host.run(['id', '-u']);
    await host.run(['id', '-u'], { env: { LC_ALL: 'C' } });
    await host.run(['id', '-u'], { env: { LC_ALL: 'C' } });
    await host.run(['id', '-u'], { cwd: '/tmp' });
    await host.run(['id', '-u'], { input: 'x' });
    await host.run(['ps', '-e']);
    expect(Object.fromEntries(inner.spawns)).toEqual({ 'id -u': 4, 'ps -e': 1 });
  });

  it('passes reads and the machine facts through to the inner host', async () => {
    const inner = fixture();
    const host = onceHost(inner);
    expect(await host.readText('/etc/hostname', { links: 'refuse' })).toBe('may-01\n');
    expect(await host.stat('/etc/hostname')).toMatchObject({ type: 'file' });
    expect(host.platform).toBe('linux');
    expect(host.homedir).toBe('/home/an');
    expect(host.path).toBe(inner.path);
  });
});

describe('onceHost reads', () => {
  /** Counts the inner host's reads, by method and path. */
  function countingReads(inner: Host): Host & { readonly reads: string[] } {
    const reads: string[] = [];
    return new Proxy(inner, {
      get(t, p) {
        if (p === 'reads') return reads;
        const v: unknown = Reflect.get(t, p, t);
        if (typeof v !== 'function' || !['stat', 'list', 'readText', 'readBytes', 'readLink'].includes(String(p))) return v;
        return (...a: unknown[]) => (reads.push(`${String(p)} ${String(a[0])}`), (v as (...x: unknown[]) => unknown).apply(t, a));
      },
    }) as Host & { reads: string[] };
  }
  const home = () =>
    new FixtureHost({ platform: 'linux', homedir: '/home/an', files: { '/home/an/.config/autostart/a.desktop': '[Desktop Entry]\nExec=a\n', '/home/an/link': { type: 'symlink', target: '/home/an/.config' } } });

  it('answers the same stat, list, readLink and readText (same options) once per run, errors included; bytes each time', async () => {
    const inner = countingReads(home());
    const host = onceHost(inner);
    for (let i = 0; i < 3; i++) {
      await host.stat('/home/an/.config');
      await host.list('/home/an/.config/autostart');
      await host.readLink('/home/an/link');
      await host.readText('/home/an/.config/autostart/a.desktop', { links: 'refuse' });
      await expect(host.readText('/home/an/gone', { links: 'refuse' })).rejects.toMatchObject({ code: 'not-found' });
      await host.readBytes('/home/an/.config/autostart/a.desktop', { links: 'refuse' });
    }
    await host.readText('/home/an/.config/autostart/a.desktop', { links: 'refuse', maxBytes: 4, head: true }); // other options: read again
    const count = (r: string) => inner.reads.filter((x) => x === r).length;
    expect(count('stat /home/an/.config')).toBe(1);
    expect(count('list /home/an/.config/autostart')).toBe(1);
    expect(count('readLink /home/an/link')).toBe(1);
    expect(count('readText /home/an/gone')).toBe(1);
    expect(count('readText /home/an/.config/autostart/a.desktop')).toBe(2);
    expect(count('readBytes /home/an/.config/autostart/a.desktop')).toBe(3);
  });

  it('a new run looks again: what changed between runs is seen', async () => {
    const inner = home();
    const first = onceHost(inner);
    expect(await first.stat('/home/an/new')).toBeNull();
    inner.add('/home/an/new', 'x');
    expect(await first.stat('/home/an/new')).toBeNull(); // one run sees one machine
    expect(await onceHost(inner).stat('/home/an/new')).toMatchObject({ type: 'file' });
  });
});

describe('one check run spawns no command twice', () => {
  it('two checks asking for the same command share one spawn; the next run looks again', async () => {
    const host = counting(fixture());
    const asks = (id: string): Check => ({ id, advisoryPoint: 1, run: async (ctx) => (await ctx.host.run(['id', '-u']), []) });
    const ctx = { host, policy: builtinPolicy(), now: new Date('2026-11-25T08:00:00Z') };
    await runChecks(ctx, { checks: [asks('a'), asks('b')] });
    expect(host.spawns.get('id -u')).toBe(1);
    await runChecks(ctx, { checks: [asks('a')] });
    expect(host.spawns.get('id -u')).toBe(2);
  });

  it.skipIf(process.platform !== 'linux')('the full check on this machine spawns every command once', async () => {
    // apt-get is hidden (it takes seconds and proves nothing more here); every other probe runs for real.
    const host = counting(new SandboxHost({ rewrite: (argv) => (argv[0] === 'apt-get' || argv[0]?.endsWith('apt-check') ? null : argv) }));
    await runChecks({ host, policy: builtinPolicy(), now: new Date() }, { checks: defaultChecks() });
    expect(host.spawns.size).toBeGreaterThan(2);
    expect([...host.spawns].filter(([, n]) => n > 1)).toEqual([]);
  });
});
