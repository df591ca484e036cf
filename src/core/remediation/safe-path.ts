import type { Message } from '../../shared/finding';
import { isHostError, type Host } from '../host/host';
import type { TreeRights } from '../host/tree-rights';
import { accountName } from './account-name';
import { allowedAction, pathComponents, type AllowedAction, type Allowlist } from './allowlist';

/** Whether a path may be touched: yes (it exists), already gone, or refused with the reason. */
export type PathVerdict =
  | { readonly state: 'ok'; readonly type: 'file' | 'dir' | 'other' }
  | { readonly state: 'missing' }
  | { readonly state: 'refused'; readonly reason: Message };

/**
 * Decides whether `action` may be done to `path`: it must be allowlisted for that action, and no
 * component of it (from the root down, the path itself included) may be a symbolic link or junction,
 * checked one by one with lstat so that nothing outside the allowlist is ever reached through a link.
 */
export async function checkTarget(host: Host, list: Allowlist, path: string, action: AllowedAction): Promise<PathVerdict> {
  const parts = pathComponents(host, path);
  if (!parts) return { state: 'refused', reason: { key: 'fix:refused.badPath', params: { path } } };
  const allowed = allowedAction(host, list, path);
  if (allowed === null || (allowed === 'trash' && action === 'remove')) {
    return { state: 'refused', reason: { key: 'fix:refused.notAllowlisted', params: { path } } };
  }
  return checkNoLinks(host, path);
}

/** Walks `path` from the root down with lstat: refused at a link (or a part we may not stat), missing when a part is gone. */
export async function checkNoLinks(host: Host, path: string): Promise<PathVerdict> {
  const parts = pathComponents(host, path);
  if (!parts) return { state: 'refused', reason: { key: 'fix:refused.badPath', params: { path } } };
  const sep = host.platform === 'win32' ? '\\' : '/';
  let current = parts[0] === '' ? sep : `${parts[0]}${sep}`;
  for (let i = 1; i < parts.length; i++) {
    current = i === 1 ? `${current}${parts[i]}` : `${current}${sep}${parts[i]}`;
    let st;
    try {
      st = await host.stat(current);
    } catch (e) {
      const message = isHostError(e) ? e.message : String(e);
      return { state: 'refused', reason: { key: 'fix:refused.unreadable', params: { path: current, message } } };
    }
    if (st === null) return { state: 'missing' };
    if (st.type === 'symlink') return { state: 'refused', reason: { key: 'fix:refused.symlink', params: { path: current } } };
    if (i === parts.length - 1) return { state: 'ok', type: st.type };
  }
  return { state: 'refused', reason: { key: 'fix:refused.badPath', params: { path } } };
}

/** Size in bytes of a file or folder, never following symbolic links; `partial` when some part could not be read or the walk was capped. */
export async function measure(host: Host, path: string, cap = 20_000): Promise<{ readonly bytes: number; readonly partial: boolean }> {
  let bytes = 0;
  let partial = false;
  let seen = 0;
  const walk = async (p: string): Promise<void> => {
    if (++seen > cap) {
      partial = true;
      return;
    }
    let st;
    try {
      st = await host.stat(p);
    } catch {
      partial = true;
      return;
    }
    if (!st) return;
    if (st.type !== 'dir') {
      if (st.type === 'file') bytes += st.size;
      return;
    }
    let entries;
    try {
      entries = await host.list(p);
    } catch {
      partial = true;
      return;
    }
    for (const e of entries) await walk(host.path.join(p, e.name));
  };
  await walk(path);
  return { bytes, partial };
}

/**
 * Why root refuses to delete a tree, or to rewrite a file (`edit`), in words (tree-rights.ts): the sentence names whose
 * the folder is (the account's name, when it can be told) and the app (its {{app}}, added by the runner); the folder's
 * path goes on the detail line only.
 */
export async function treeRightsMessage(host: Host, rights: Exclude<TreeRights, { state: 'root-only' }>, act: 'delete' | 'edit' = 'delete'): Promise<Message> {
  const path = rights.path;
  const edit = act === 'edit' ? 'Edit' : '';
  if (rights.state === 'foreign') {
    if (rights.why === 'link') return { key: 'fix:refused.symlink', params: { path } };
    if (rights.why === 'writable') return { key: `fix:refused.foreignWritable${edit}`, params: { path } };
    const user = rights.uid !== undefined ? await accountName(host, rights.uid) : null;
    return user ? { key: `fix:refused.foreignOwner${edit}`, params: { path, user } } : { key: `fix:refused.foreignOwnerNoName${edit}`, params: { path } };
  }
  if (rights.why === 'too-large') return { key: 'fix:refused.treeTooLarge', params: { path, detail: rights.detail ?? '' } };
  if (rights.why === 'no-owner') return { key: 'fix:refused.treeUnchecked', params: { path } };
  return { key: 'fix:refused.unreadable', params: { path, message: rights.detail ?? '' } };
}
