import type { Host } from '../../host/host';

/** True when `path` exists once links are followed (a dangling /usr/bin/APP is false). */
export async function existsFollowing(host: Host, path: string): Promise<boolean> {
  try {
    await host.readBytes(path, { links: 'follow', maxBytes: 1, head: true });
    return true;
  } catch (e) {
    // A folder, a file we may not read, or something that is no regular file, is still there.
    const code = (e as { code?: string }).code;
    return code === 'is-a-directory' || code === 'permission' || code === 'too-large' || code === 'not-a-file';
  }
}
