/**
 * Splits a drive-absolute Windows path into components; null when it is not a plain local path:
 * UNC or device paths, `.`/`..`, a component ending in a dot or space (Windows drops them, so the
 * path would name another file), a colon after the drive (an alternate data stream), wildcards.
 */
export function plainWindowsPath(path: string): string[] | null {
  if (!/^[A-Za-z]:\\/.test(path) || path.includes('/')) return null;
  const parts = path.split('\\');
  if (parts.slice(1).some((c) => c === '' || c === '.' || c === '..' || /[. ]$/.test(c) || /[:*?"<>|]/.test(c) || [...c].some((ch) => ch.charCodeAt(0) < 0x20))) return null;
  return parts;
}
