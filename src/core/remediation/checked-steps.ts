/**
 * The steps that act on what no allowlist can name in advance: an unpacked tarball, a menu or autostart
 * entry or a shortcut that starts the app (anywhere, under any name), and the handler lines of a
 * mimeapps.list. Each is checked again when it runs, against the app's signature, and never through a link.
 */
import type { Message } from '../../shared/finding';
import { isHostError, type Host } from '../host/host';
import { isUnsafeTree, type MutableHost } from '../host/mutable-host';
import { appEntryOf } from '../checks/banned-app/linux/desktop-entries';
import { withoutHandlers } from '../checks/banned-app/linux/mimeapps';
import { MAX_MIMEAPPS_BYTES } from '../checks/banned-app/linux/url-handlers';
import { isTarballFolder } from '../checks/banned-app/linux/tarball';
import { isAppShortcut } from '../checks/banned-app/windows/shortcut-match';
import type { Allowlist } from './allowlist';
import { pathComponents } from './allowlist';
import type { RemoveCheckedStep, UnsetHandlerStep } from './plan';
import { checkNoLinks, treeRightsMessage } from './safe-path';

/** What a checked step did, as the runner records it. */
export interface CheckedResult {
  readonly outcome: 'ok' | 'missing' | 'failed' | 'refused';
  readonly message?: Message;
}

function inside(host: Host, folder: string, path: string): boolean {
  const a = pathComponents(host, folder);
  const b = pathComponents(host, path);
  const eq = (x: string, y: string): boolean => (host.platform === 'win32' ? x.toLowerCase() === y.toLowerCase() : x === y);
  return !!a && !!b && b.length > a.length && a.every((c, i) => eq(c, b[i]!));
}

const notTheApps = (path: string): CheckedResult => ({ outcome: 'refused', message: { key: 'fix:refused.notTheApps', params: { path } } });

/** Whether the path (already link-free and of the right type) still is the app's, read again now. */
async function stillTheApps(host: Host, list: Allowlist, step: RemoveCheckedStep): Promise<boolean> {
  switch (step.form) {
    case 'tarball':
      // Only in the person's own home: elsewhere a folder is a package's or another user's.
      return inside(host, host.homedir, step.path) && isTarballFolder(host, list.app, step.path);
    case 'desktop-entry':
    case 'autostart': {
      if (!step.path.endsWith('.desktop')) return false;
      const entry = await appEntryOf(host, list.app, step.path).catch(() => null);
      // Only an entry that starts the app: one that only opens its links starts another program.
      return entry?.program !== undefined;
    }
    case 'shortcut':
      return /\.lnk$/i.test(step.path) && isAppShortcut(host, list.app, step.path);
  }
}

/** Removes a tarball folder, entry or shortcut after checking it again. */
export async function runRemoveChecked(host: Host, mutable: MutableHost, list: Allowlist, step: RemoveCheckedStep): Promise<CheckedResult> {
  const verdict = await checkNoLinks(host, step.path);
  if (verdict.state === 'missing') return { outcome: 'missing' };
  if (verdict.state === 'refused') return { outcome: 'refused', message: verdict.reason };
  const want = step.form === 'tarball' ? 'dir' : 'file';
  if (verdict.type !== want || !(await stillTheApps(host, list, step))) return notTheApps(step.path);
  try {
    await mutable.remove(step.path);
    return { outcome: 'ok' };
  } catch (e) {
    // As root, in a folder another person owns or can write (their home): theirs to remove, as their mimeapps.list is.
    if (isUnsafeTree(e)) return { outcome: 'refused', message: await treeRightsMessage(host, e.rights) };
    return { outcome: 'failed', message: { key: 'fix:result.fileFailed', params: { path: step.path, message: e instanceof Error ? e.message : String(e) } } };
  }
}

/** Reads a file's bytes as text only when they are valid UTF-8 (a rewrite must give back every byte); null otherwise. */
async function exactText(host: Host, path: string): Promise<string | null> {
  const bytes = await host.readBytes(path, { links: 'refuse', maxBytes: MAX_MIMEAPPS_BYTES });
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Takes the app's handler lines out of a mimeapps.list in the person's own home: read, edit, read again
 * (refused if it changed meanwhile), then one atomic rewrite; every other line is kept byte for byte.
 */
export async function runUnsetHandler(host: Host, mutable: MutableHost, step: UnsetHandlerStep): Promise<CheckedResult> {
  if (host.path.basename(step.path) !== 'mimeapps.list' || !inside(host, host.homedir, step.path)) return notTheApps(step.path);
  const verdict = await checkNoLinks(host, step.path);
  if (verdict.state === 'missing') return { outcome: 'missing' };
  if (verdict.state === 'refused') return { outcome: 'refused', message: verdict.reason };
  if (verdict.type !== 'file') return notTheApps(step.path);
  let before: string | null;
  try {
    before = await exactText(host, step.path);
  } catch (e) {
    return { outcome: 'failed', message: { key: 'fix:result.fileFailed', params: { path: step.path, message: isHostError(e) ? e.message : String(e) } } };
  }
  if (before === null) return { outcome: 'refused', message: { key: 'fix:refused.notText', params: { path: step.path } } };
  const edit = withoutHandlers(before, step.types);
  if (edit.removed.length === 0) return { outcome: 'missing' };
  const again = await exactText(host, step.path).catch(() => null);
  if (again !== before) return { outcome: 'refused', message: { key: 'fix:refused.changed', params: { path: step.path } } };
  try {
    await mutable.writeFileAtomic(step.path, edit.text);
    return { outcome: 'ok' };
  } catch (e) {
    // As root, in a folder another person owns or can write (their home): refused as a delete there is.
    if (isUnsafeTree(e)) return { outcome: 'refused', message: await treeRightsMessage(host, e.rights, 'edit') };
    return { outcome: 'failed', message: { key: 'fix:result.fileFailed', params: { path: step.path, message: e instanceof Error ? e.message : String(e) } } };
  }
}
