// Removal while Zoom runs, on a real-shaped install: a zoom .deb in a private dpkg database with /opt/zoom,
// /usr/bin/zoom and its menu entry; Zoom running from /opt/zoom; the user's own copy of the entry, an autostart
// entry and the zoommtg: handler in mimeapps.list; beside them what must stay. One fix closes Zoom, removes the
// package, cleans the entries and the handler, re-checks, and says what was removed and what is left and why.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dpkgAdmindirRewrite } from '../../../src/core/host/host-from-env';
import { ConfinedMutableHost, RealMutableHost } from '../../../src/core/host/mutable-host';
import { SandboxHost } from '../../../src/core/host/sandbox-host';
import { builtinPolicy } from '../../../src/core/policy/policy';
import { renderHistory } from '../../../src/cli/commands/history';
import { renderVerdicts } from '../../../src/cli/commands/fix';
import { createTranslator } from '../../../src/core/i18n/translator';
import { auditLogPath, readAudit } from '../../../src/core/remediation/audit-log';
import { executeFix, prepareFix } from '../../../src/core/remediation/fix-flow';
import { lockZoomProcesses, unlockZoomProcesses } from '../banned-app/linux/zoom-process-lock';
import { dpkgAvailable, DpkgSandbox } from '../../helpers/dpkg-sandbox';

const FORMS = join(__dirname, '..', '..', 'fixtures', 'linux', 'zoom-forms');
const now = new Date('2026-11-25T08:00:00Z');
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  unlockZoomProcesses();
});

const MIMEAPPS = '# my choices\n[Default Applications]\ntext/html=firefox.desktop\nx-scheme-handler/zoommtg=Zoom.desktop\nx-scheme-handler/zoomus=Zoom.desktop\n\n[Added Associations]\napplication/pdf=org.gnome.Evince.desktop;\n';

describe.runIf(process.platform === 'linux' && dpkgAvailable())('removal while Zoom runs (private dpkg database, real files, a real process)', { timeout: 120_000 }, () => {
  it('closes Zoom, removes the package, cleans its entries and handler, keeps the rest; the re-check proves it and says what is left and why', async () => {
    const dpkg = new DpkgSandbox('attt-running-');
    const root = dpkg.instdir;
    // Zoom's own entry, unchanged: its /usr/bin/zoom is the database's path, INSTDIR/usr/bin/zoom on disk.
    const entry = readFileSync(join(FORMS, 'Zoom.desktop'), 'utf8');
    dpkg.install({ name: 'attt-base', version: '1.0', files: { 'usr/share/attt-base/README': 'base\n' } });
    dpkg.install({ name: 'zoom', version: '6.2.0.1855', files: { 'opt/zoom/ZoomLauncher': '#!/bin/sh\n', 'opt/zoom/zoom': 'x', 'usr/bin/zoom': '#!/bin/sh\nexec /opt/zoom/ZoomLauncher "$@"\n', 'usr/share/applications/Zoom.desktop': entry } });
    // Zoom running from its install folder (a real program, named zoom).
    copyFileSync('/bin/sleep', dpkg.fileOf('opt/zoom/zoom'));
    const home = join(dpkg.root, 'home', 'hà');
    const apps = join(home, '.local', 'share', 'applications');
    mkdirSync(apps, { recursive: true });
    mkdirSync(join(home, '.config', 'autostart'), { recursive: true });
    writeFileSync(join(apps, 'Zoom.desktop'), entry);
    writeFileSync(join(apps, 'org.kde.kmag.desktop'), readFileSync(join(FORMS, 'kmag.desktop')));
    writeFileSync(join(apps, 'zoom-webapp.desktop'), readFileSync(join(FORMS, 'zoom-webapp.desktop')));
    writeFileSync(join(home, '.config', 'autostart', 'zoom.desktop'), '[Desktop Entry]\nType=Application\nExec=/opt/zoom/ZoomLauncher --silent\n');
    writeFileSync(join(home, '.config', 'mimeapps.list'), MIMEAPPS);

    const policy = builtinPolicy();
    const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local', 'share'), XDG_DATA_DIRS: join(root, 'usr', 'share'), XDG_CONFIG_DIRS: join(root, 'etc', 'xdg'), ATTT_SELFCHECK_DPKG_ADMINDIR: dpkg.admindir, ATTT_SELFCHECK_PASSWD_FILE: join(dpkg.root, 'no-passwd') };
    const host = new SandboxHost({ homedir: home, env, rewrite: dpkgAdmindirRewrite(dpkg.admindir) });
    const ctx = { host, policy, now, dataDir: join(dpkg.root, 'data') };
    const mutable = new ConfinedMutableHost(new RealMutableHost(host, () => now), [dpkg.root]);

    await lockZoomProcesses();
    const running = spawn(dpkg.fileOf('opt/zoom/zoom'), ['120'], { stdio: 'ignore' });
    children.push(running);
    await new Promise((r) => setTimeout(r, 150));
    expect(readFileSync(`/proc/${running.pid}/comm`, 'utf8').trim()).toBe('zoom');
    const exited = new Promise<void>((resolve) => running.on('exit', () => resolve()));

    const prepared = await prepareFix(ctx, 'zoom');
    const byKind = (k: string) => prepared.plans.filter((p) => p.kind === k);
    expect(byKind('close')).toHaveLength(1);
    const pkg = prepared.plans.find((p) => p.evidence.some((e) => e.data?.manager === 'dpkg'))!;
    // The package's own menu entry is evidence of the package (dpkg -S names zoom): its removal takes it away.
    expect(pkg.evidence.find((e) => e.kind === 'launcher')).toMatchObject({ path: join(root, 'usr', 'share', 'applications', 'Zoom.desktop'), data: { package: 'zoom', manager: 'dpkg', runs: '1' } });
    expect(pkg.steps.map((s) => s.kind)).toEqual(['close-app', 'run']);
    const leftovers = byKind('leftover').flatMap((p) => p.steps.map((s) => [s.kind, 'path' in s ? s.path : '']));
    expect(leftovers).toEqual(
      expect.arrayContaining([
        ['remove-checked', join(apps, 'Zoom.desktop')],
        ['remove-checked', join(home, '.config', 'autostart', 'zoom.desktop')],
        ['unset-handler', join(home, '.config', 'mimeapps.list')],
      ]),
    );
    expect(prepared.plans.findIndex((p) => p === pkg)).toBeLessThan(prepared.plans.findIndex((p) => p.kind === 'leftover'));

    const outcome = await executeFix(ctx, prepared, { mutable, privileged: false, close: { graceMs: 5_000, pollMs: 50 } });
    await exited;
    expect(dpkg.status('zoom')).toBe('');
    expect(dpkg.status('attt-base')).toBe('install ok installed');
    expect(existsSync(join(root, 'opt', 'zoom'))).toBe(false);
    expect(existsSync(join(apps, 'Zoom.desktop'))).toBe(false);
    expect(existsSync(join(home, '.config', 'autostart', 'zoom.desktop'))).toBe(false);
    expect(existsSync(join(apps, 'org.kde.kmag.desktop'))).toBe(true);
    expect(readFileSync(join(home, '.config', 'mimeapps.list'), 'utf8')).toBe('# my choices\n[Default Applications]\ntext/html=firefox.desktop\n\n[Added Associations]\napplication/pdf=org.gnome.Evince.desktop;\n');

    // What was removed, and what is left and why: the web-app entry opens zoommtg: links but starts a browser.
    const removed = outcome.verdicts.filter((v) => v.verdict === 'removed').map((v) => v.planId);
    expect(removed).toContain(pkg.id);
    expect(removed.length).toBe(prepared.plans.length - 1);
    // Closing is not removing: the close plan's verdict carries its kind, `fix` and `history` say «Đã đóng» for it and
    // «Đã gỡ bỏ» for the others, and the audit log keeps the engine's verdict (`removed`) with the plan's kind beside it.
    const close = byKind('close')[0]!;
    expect(outcome.verdicts.find((v) => v.planId === close.id)).toMatchObject({ kind: 'close', verdict: 'removed' });
    const app = policy.bannedApps.find((a) => a.id === 'zoom')!;
    for (const lang of ['vi', 'en'] as const) {
      const t = createTranslator(lang);
      const lines = renderVerdicts(outcome, t, app, policy).split('\n');
      expect(lines.filter((l) => l.startsWith(`✔ ${t.t('fix:verdictClose.removed')}: `))).toEqual([`✔ ${t.t('fix:verdictClose.removed')}: ${t.message(close.title)}`]);
      expect(lines.filter((l) => l.startsWith(`✔ ${t.t('fix:verdict.removed')}: `))).toHaveLength(removed.length - 1);
    }
    const audit = await readAudit(host, auditLogPath(host, ctx.dataDir));
    const verdictLines = audit.entries.filter((e) => e.type === 'verdict');
    expect(verdictLines.find((e) => e.planId === close.id)).toMatchObject({ kind: 'close', outcome: 'removed' });
    expect(verdictLines.filter((e) => e.kind === 'close')).toHaveLength(1);
    const vi = createTranslator('vi');
    expect(renderHistory(audit, vi, 'audit.log')).toContain(`${vi.t('fix:verdictClose.removed')}: ${vi.message(close.title)}`);
    const left = outcome.verdicts.filter((v) => v.verdict !== 'removed');
    expect(left.map((v) => [v.verdict, v.why?.key, v.remaining.map((e) => e.path)])).toEqual([['not-run', 'fix:why.entryStartsOther', [join(apps, 'zoom-webapp.desktop')]]]);
    const after = outcome.after.findings.filter((f) => f.check === 'banned-app' && (f.status === 'violation' || f.status === 'warning'));
    expect(after.map((f) => f.title.key)).toEqual(['bannedApp:form.desktop-entry.leftover']);
    expect(outcome.exitCode).toBe(1);
    unlockZoomProcesses();
    dpkg.dispose();
  });
});
