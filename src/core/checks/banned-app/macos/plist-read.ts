import type { Host } from '../../../host/host';
import { commandFailure } from '../../reasons';
import { parseXmlPlist, plistDict, PlistError, type PlistValue } from './plist-xml';

/** Binary property lists start with these bytes. */
const BPLIST = 'bplist00';

/** Why a plist could not be read: a reason message key and its parameters. */
export class PlistReadError extends Error {
  constructor(
    readonly reason: { readonly key: string; readonly params: Readonly<Record<string, string | number>> },
    message: string,
  ) {
    super(message);
    this.name = 'PlistReadError';
  }
}

/** True when the bytes are a binary plist. */
export function isBinaryPlist(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && new TextDecoder('latin1').decode(bytes.subarray(0, 8)) === BPLIST;
}

/**
 * Reads a plist's top-level dictionary: XML parsed here, binary converted by
 * `plutil -convert xml1 -o - PATH` (macOS). Throws HostError (file) or PlistReadError (content).
 */
export async function readPlistDict(host: Host, path: string): Promise<{ readonly [key: string]: PlistValue }> {
  // Bundles' Info.plist and launchd jobs: a link there is not followed (it may lie in another user's home).
  const bytes = await host.readBytes(path, { maxBytes: 4 * 1024 * 1024, links: 'refuse' });
  let xml: string;
  if (isBinaryPlist(bytes)) {
    const r = await host.run(['plutil', '-convert', 'xml1', '-o', '-', path]);
    const failure = commandFailure(r);
    if (failure) throw new PlistReadError(failure as PlistReadError['reason'], `plutil could not convert ${path}`);
    xml = r.stdout;
  } else {
    xml = new TextDecoder('utf-8').decode(bytes);
  }
  try {
    return plistDict(parseXmlPlist(xml));
  } catch (e) {
    const message = e instanceof PlistError ? e.message : String(e);
    throw new PlistReadError({ key: 'bannedApp:macos.reason.plistGarbled', params: { path, message } }, `${path}: ${message}`);
  }
}

/** True when the raw bytes contain an ASCII string (a cheap test before converting a binary plist). */
export function bytesContain(bytes: Uint8Array, text: string): boolean {
  return new TextDecoder('latin1').decode(bytes).includes(text);
}
