// `fix APP-ID` for every banned app of the policy in force; an unknown or missing id is bad usage (exit 64) naming the
// ids in words; `--policy FILE` judges by that policy (validated, refused in words when it is not one).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DPKG_ARGV } from '../../src/core/checks/banned-app/linux/dpkg';
import type { FixtureSpec } from '../../src/core/host/fixture-host';
import { main } from '../../src/cli/main';
import { capture } from '../helpers/capture-io';
import { meetfastPolicyDocument, writeMeetfastPolicy } from '../helpers/meetfast-policy';

const dir = mkdtempSync(join(tmpdir(), 'attt-fix-app-'));

/** A recorded Debian PC with the meetfast and zoom .debs; the test policy is a file on it, as --policy reads it through the host. */
function machine(): Record<string, string> {
  const spec: FixtureSpec = {
    platform: 'linux',
    homedir: '/home/an',
    files: {
      '/var/lib/dpkg/status': '',
      '/etc/attt-selfcheck/meetfast.json': JSON.stringify(meetfastPolicyDocument()),
      '/etc/attt-selfcheck/broken.json': '{"schemaVersion": 1, "id": ',
      '/etc/attt-selfcheck/no-name.json': JSON.stringify({ ...meetfastPolicyDocument(), bannedApps: [{ id: 'nameless' }] }),
    },
    commands: [{ argv: [...DPKG_ARGV], stdout: 'bash\t5.2.15-2+b2\tamd64\tinstall ok installed\nmeetfast\t3.4.1\tamd64\tinstall ok installed\nzoom\t6.2.5.2440\tamd64\tinstall ok installed\n' }],
  };
  const file = join(dir, `m-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return { ATTT_SELFCHECK_FIXTURE: file, ATTT_SELFCHECK_DATA_DIR: join(dir, 'data') };
}

async function run(args: string[], env: Record<string, string> = machine()) {
  const io = capture();
  const code = await main(args, { io, env, now: () => new Date('2026-08-01T08:00:00Z') });
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('fix APP-ID', () => {
  it('an id the policy in force does not ban is bad usage (64), naming the ids and names it does ban', async () => {
    const builtin = await run(['fix', 'meetfast', '--lang', 'en']);
    expect(builtin.code).toBe(64);
    expect(builtin.stderr).toContain('The policy in force bans no app with the id «meetfast». The ids you can use: zoom (Zoom).');
    const withPolicy = await run(['fix', 'skype', '--policy', '/etc/attt-selfcheck/meetfast.json']);
    expect(withPolicy.code).toBe(64);
    expect(withPolicy.stderr).toContain('Chính sách đang áp dụng không có phần mềm bị cấm mang mã «skype». Các mã có thể dùng: zoom (Zoom), meetfast (MeetFast).');
    const none = await run(['fix', '--lang', 'en']);
    expect(none.code).toBe(64);
    expect(none.stderr).toContain('Please give the id of the app to remove after «fix». The ids you can use: zoom (Zoom).');
    expect((await run(['fix', 'zoom', 'meetfast'])).code).toBe(64);
  });

  it('fix meetfast --policy plans the removal of MeetFast only, in its name; fix zoom with the same policy plans Zoom only', async () => {
    const mf = await run(['fix', 'meetfast', '--dry-run', '--json', '--policy', '/etc/attt-selfcheck/meetfast.json']);
    expect(mf.stderr).toBe('');
    expect(mf.code).toBe(2);
    const doc = JSON.parse(mf.stdout) as { plans: { steps: { argv?: string[] }[]; title: { params?: Record<string, string> } }[] };
    expect(doc.plans.flatMap((p) => p.steps.map((s) => s.argv?.join(' ')))).toEqual(['apt-get purge -y meetfast']);
    expect(doc.plans[0]!.title.params?.app).toBe('MeetFast');
    const text = await run(['fix', 'meetfast', '--dry-run', '--lang', 'en', '--policy', '/etc/attt-selfcheck/meetfast.json']);
    expect(text.stdout).toContain('$ apt-get purge -y meetfast');
    expect(text.stdout).not.toMatch(/zoom/i);
    const zoom = JSON.parse((await run(['fix', 'zoom', '--dry-run', '--json', '--policy', '/etc/attt-selfcheck/meetfast.json'])).stdout) as typeof doc;
    expect(zoom.plans.flatMap((p) => p.steps.map((s) => s.argv?.join(' ')))).toEqual(['apt-get purge -y zoom']);
  });

  it('nothing of the app on the computer: says so with its name', async () => {
    const io = capture();
    const env = { ATTT_SELFCHECK_DATA_DIR: join(dir, 'data-clean') };
    const spec = join(dir, 'clean.json');
    writeFileSync(spec, JSON.stringify({ platform: 'linux', homedir: '/home/an', files: { '/var/lib/dpkg/status': '' }, commands: [{ argv: [...DPKG_ARGV], stdout: 'bash\t5.2.15-2+b2\tamd64\tinstall ok installed\n' }] }));
    const code = await main(['fix', 'meetfast', '--dry-run', '--lang', 'en', '--policy', writeMeetfastPolicy()], { io, env: { ...env, ATTT_SELFCHECK_FIXTURE: spec } });
    // The recorded machine holds no policy file of that name: refused in words, nothing checked.
    expect(code).toBe(64);
    expect(io.stderr).toMatch(/The policy file .*meetfast-policy\.json \(--policy\) cannot be used; nothing was checked\.\n {2}not-found/);
  });

  it('a policy file that is not JSON, not a valid policy, or not there: refused in words (64), with the problem on its own line; nothing checked', async () => {
    const broken = await run(['check', '--lang', 'en', '--policy', '/etc/attt-selfcheck/broken.json']);
    expect(broken.code).toBe(64);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^Error: The policy file \/etc\/attt-selfcheck\/broken\.json \(--policy\) cannot be used; nothing was checked\.\n {2}\(root\): not JSON/);
    const invalid = await run(['check', '--lang', 'en', '--policy', '/etc/attt-selfcheck/no-name.json']);
    expect(invalid.code).toBe(64);
    expect(invalid.stderr).toContain('bannedApps.0.name');
    const missing = await run(['check', '--policy', '/etc/attt-selfcheck/none.json']);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('Không dùng được tệp chính sách /etc/attt-selfcheck/none.json (--policy)');
  });

  it('check --policy finds the second app with the same code, each finding naming its app', async () => {
    const r = await run(['check', '--json', '--only', 'banned-app', '--policy', '/etc/attt-selfcheck/meetfast.json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { findings: { app?: string; status: string; title: { params?: Record<string, string> } }[] };
    const found = report.findings.filter((f) => f.status === 'violation');
    expect(found.map((f) => [f.app, f.title.params?.app]).sort()).toEqual([
      ['meetfast', 'MeetFast'],
      ['zoom', 'Zoom'],
    ]);
  });
});
