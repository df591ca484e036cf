// The rung itself: a layout is private. What runs inside sees only its own processes, and what is
// installed inside (a real dpkg -i) lands in the layout's folders, never on the host.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutTitle, onHost, RealLayout, realLayoutUnavailable } from '../helpers/real-layout';
import { buildZoomDeb } from '../helpers/zoom-packages';

describe.skipIf(realLayoutUnavailable() !== null)(layoutTitle('real layouts are private machines'), { timeout: 120_000 }, () => {
  let m: RealLayout;
  beforeAll(() => {
    m = new RealLayout();
  });
  afterAll(() => m?.dispose());

  it('only the layout\'s own processes are visible inside, the first of them its init', async () => {
    const run = await m.run([{ argv: ['ps', '-e', '-o', 'pid=,comm='] }], [{ argv: ['/bin/sleep', '600'] }]);
    const procs = run.commands[0]!.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/));
    expect(procs).toContainEqual(['1', 'node']);
    expect(procs.map((p) => p[1]).sort()).toEqual(['node', 'ps', 'sleep']);
    expect(run.background).toEqual([expect.objectContaining({ running: true })]);
  });

  it('a package installed inside is in the layout\'s database and folders, not the host\'s', async () => {
    expect(onHost('/opt/zoom'), 'this host has a real /opt/zoom: the test cannot tell whose it is').toBe(false);
    const deb = buildZoomDeb(m.workDir);
    await m.must(['dpkg', '-i', deb]);
    expect(await m.dpkgStatus('zoom')).toBe('install ok installed');
    expect(await m.existing(['/opt/zoom/ZoomLauncher', '/opt/zoom/zoom', '/usr/bin/zoom', '/usr/share/applications/Zoom.desktop'])).toHaveLength(4);
    expect(await m.must(['dpkg-query', '-S', '/opt/zoom'])).toBe('zoom: /opt/zoom\n');
    // The host: no such package, none of its files, no mount of the layout left behind.
    expect(readFileSync('/var/lib/dpkg/status', 'utf8')).not.toMatch(/^Package: zoom$/m);
    for (const p of ['/opt/zoom', '/usr/bin/zoom', '/usr/share/applications/Zoom.desktop']) expect(onHost(p), p).toBe(false);
    expect(readFileSync('/proc/self/mountinfo', 'utf8')).not.toContain(m.dir);
  });
});
