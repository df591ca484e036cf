/** The Content-Security-Policy of the window, and which URLs count as the window's own (requests, IPC senders). */
import { fileURLToPath } from 'node:url';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

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

/** Where the window's page comes from: the built index.html, or electron-vite's dev server while developing. */
export interface RendererPage {
  /** Absolute path of the built renderer's index.html. */
  readonly html: string;
  /** Set by electron-vite while developing; never in a packaged app. */
  readonly devServerUrl?: string;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** The local path of a file:// URL (without query or hash), or null when it is not a plain local file URL. */
function localPath(url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'file:' || u.username || u.password) return null;
    return resolve(fileURLToPath(u)); // refuses a remote host (file://server/...) and an encoded separator
  } catch {
    return null;
  }
}

/** Paths compare without case on Windows (C:\ and c:\ are the same file). */
function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The dev server's URL when it may be trusted: http(s) on loopback only. */
function devOrigin(devServerUrl: string | undefined): URL | null {
  if (!devServerUrl) return null;
  try {
    const dev = new URL(devServerUrl);
    return (dev.protocol === 'http:' || dev.protocol === 'https:') && LOOPBACK.includes(dev.hostname) ? dev : null;
  } catch {
    return null;
  }
}

/**
 * Whether an IPC request comes from our own page: exactly the built index.html (any query or hash),
 * or, while developing, a page of the dev server's exact origin. Any other file:// page (a file
 * the user or a download opened) and devtools:// are refused.
 */
export function isRendererPage(url: string, page: RendererPage): boolean {
  const dev = devOrigin(page.devServerUrl);
  if (dev) {
    try {
      return new URL(url).origin === dev.origin;
    } catch {
      return false;
    }
  }
  const path = localPath(url);
  return path !== null && samePath(path, resolve(page.html));
}

/** Whether a request URL may be loaded by the window: files of the built renderer, devtools, or the dev server while developing. */
export function isOwnUrl(url: string, page: RendererPage): boolean {
  if (url.startsWith('devtools://')) return true;
  const path = localPath(url);
  if (path !== null) {
    const rel = relative(dirname(resolve(page.html)), path);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
  }
  const dev = devOrigin(page.devServerUrl);
  if (!dev) return false;
  try {
    const u = new URL(url);
    const scheme = u.protocol === 'ws:' || u.protocol === 'wss:' ? (u.protocol === 'ws:' ? 'http:' : 'https:') : u.protocol;
    return scheme === dev.protocol && u.host === dev.host; // the page and its hot-reload socket
  } catch {
    return false;
  }
}
