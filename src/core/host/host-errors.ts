/** Node's errno codes in the words of HostError. */
import type { HostErrorCode } from './host';

/** Maps a Node errno code to a HostError code. */
export function hostErrorCode(errno: string | undefined): HostErrorCode {
  switch (errno) {
    case 'ENOENT':
      return 'not-found';
    case 'EACCES':
    case 'EPERM':
      return 'permission';
    case 'ENOTDIR':
      return 'not-a-directory';
    case 'EISDIR':
      return 'is-a-directory';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no-space';
    default:
      return 'io';
  }
}
