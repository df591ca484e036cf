/**
 * Shortcuts (.lnk) that start the app: in the user's and all users' Start menu, on the user's and the
 * Public desktop, and in every other profile's Start menu and desktop (a hit there names that person:
 * `data.user`, as the other Windows probes do). Read with the bounded Shell Link reader; recognised by the
 * program they start. Links and junctions are never followed; an unreadable or garbled .lnk is skipped (it
 * starts nothing we can tell).
 */
import type { Message } from '../../../../shared/finding';
import { isHostError, type Host } from '../../../host/host';
import type { BannedApp } from '../../../policy/policy-schema';
import { errorText } from '../../check';
import { readFailure } from '../../reasons';
import { existsFollowing } from '../program-exists';
import { lookedAt } from '../leftovers';
import { notApplicable, ran, type Hit, type Probe } from '../probe';
import { expandForProfile } from './profile-folder-probes';
import { expandEnv, profileUser, roamingAppData, type Profile } from './profiles';
import { windowsScan } from './windows-scan';
import { appProgramOfShortcut } from './shortcut-match';

/** How deep below a Start menu folder a shortcut may lie (Programs\APP\APP.lnk is 1). */
const MAX_DEPTH = 3;
/** Entries looked at per folder tree at most. */
const MAX_ENTRIES = 4000;

const MENU = ['Microsoft', 'Windows', 'Start Menu', 'Programs'];

/** A folder shortcuts are looked for in, and the other person's profile it lies in (none: ours, or everyone's). */
export interface ShortcutFolder {
  readonly folder: string;
  readonly profile?: Profile;
}

/** The folders shortcuts are looked for in: ours and everyone's, then each other profile's Start menu and desktop. */
export function shortcutFolders(host: Host, others: readonly Profile[] = []): ShortcutFolder[] {
  const programData = expandEnv(host, '%ProgramData%').includes('%') ? 'C:\\ProgramData' : expandEnv(host, '%ProgramData%');
  const appData = host.env.APPDATA || host.path.join(host.homedir, 'AppData', 'Roaming');
  const pub = host.env.PUBLIC || host.path.join(host.path.dirname(host.homedir), 'Public');
  const ours = [host.path.join(appData, ...MENU), host.path.join(programData, ...MENU), host.path.join(host.homedir, 'Desktop'), host.path.join(pub, 'Desktop')];
  const theirs = others.flatMap((profile) => [
    { folder: host.path.join(roamingAppData(host, profile), ...MENU), profile },
    { folder: host.path.join(profile.path, 'Desktop'), profile },
  ]);
  return [...ours.map((folder) => ({ folder })), ...theirs];
}

async function lnkFiles(host: Host, root: string): Promise<string[]> {
  const out: string[] = [];
  let seen = 0;
  let level = [root];
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      // The root's failure is the caller's; a subfolder we may not list is skipped.
      const entries = dir === root ? await host.list(dir) : await host.list(dir).catch(() => []);
      for (const e of entries) {
        if (++seen > MAX_ENTRIES) return out;
        const path = host.path.join(dir, e.name);
        if (e.type === 'dir') next.push(path);
        else if (e.type === 'file' && /\.lnk$/i.test(e.name)) out.push(path);
      }
    }
    level = next;
  }
  return out;
}

async function shortcutHit(host: Host, app: BannedApp, path: string, program: string, profile: Profile | undefined): Promise<Hit> {
  // In another profile, %APPDATA% and %USERPROFILE% are that person's folders, not ours.
  const expanded = !program.includes('%') ? program : profile ? (expandForProfile(host, program, profile) ?? program) : expandEnv(host, program);
  const runs = await existsFollowing(host, expanded);
  const user = profileUser(profile);
  return {
    kind: runs ? 'installed' : 'leftover',
    install: `entry:${path}`,
    source: path,
    remediation: 'remove.checked',
    title: { key: `bannedApp:form.shortcut.${runs ? 'runs' : 'leftover'}`, params: { app: app.name } },
    evidence: {
      kind: 'launcher',
      path,
      detail: `shortcut ${path} -> ${program}`,
      label: { key: runs ? 'bannedApp:evidence.shortcut.starts' : 'bannedApp:evidence.shortcut.started', params: { path, program } },
      data: { form: 'shortcut', path, program, runs: runs ? '1' : '0', ...(user ? { user } : {}) },
    },
  };
}

/** Start-menu and desktop shortcuts that start the app. */
export const shortcutsProbe: Probe = {
  id: 'windows.shortcuts',
  async run(ctx, app) {
    if (app.windows.profileExecutables.length + app.windows.programFilesExecutables.length === 0) return notApplicable('no executables in the policy');
    const others = (await windowsScan(ctx).profiles()).profiles.filter((p) => !p.current);
    const places = shortcutFolders(ctx.host, others);
    const folders = places.map((p) => p.folder);
    const hits: Hit[] = [];
    const failures: Message[] = [];
    for (const { folder, profile } of places) {
      let files: string[];
      try {
        files = await lnkFiles(ctx.host, folder);
      } catch (e) {
        if (!(isHostError(e) && e.code === 'not-found')) failures.push(readFailure(e instanceof Error ? e : new Error(errorText(e)), folder));
        continue;
      }
      for (const path of files) {
        const program = await appProgramOfShortcut(ctx.host, app, path).catch(() => undefined);
        if (program) hits.push(await shortcutHit(ctx.host, app, path, program, profile));
      }
    }
    if (hits.length > 0 || failures.length === 0) return ran(lookedAt(folders), hits);
    return { status: 'unknown', looked: lookedAt(folders), reason: failures[0]! };
  },
};
