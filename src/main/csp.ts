/** The Content-Security-Policy of the window: only our own files, no remote content, no inline script. */

/** CSP for the packaged renderer (also in src/renderer/index.html as a meta tag). */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Whether a request URL may be loaded by the window: our own files, or the dev server while developing. */
export function isOwnUrl(url: string, devServerUrl: string | undefined): boolean {
  if (url.startsWith('file://') || url.startsWith('devtools://')) return true;
  if (!devServerUrl) return false;
  try {
    const u = new URL(url);
    const dev = new URL(devServerUrl);
    return (u.protocol === 'http:' || u.protocol === 'ws:') && u.hostname === dev.hostname && u.port === dev.port && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}
