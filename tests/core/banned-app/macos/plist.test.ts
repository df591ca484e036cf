import { describe, expect, it } from 'vitest';
import { readPlistDict } from '../../../../src/core/checks/banned-app/macos/plist-read';
import { parseXmlPlist, PlistError } from '../../../../src/core/checks/banned-app/macos/plist-xml';
import { FixtureHost } from '../../../../src/core/host/fixture-host';
import { fixture } from '../linux/harness';
import { bytes } from './mac-fixtures';

describe('XML property lists', () => {
  it('parses a real Info.plist: nested arrays and dicts, booleans, entities, Vietnamese text', () => {
    const d = parseXmlPlist(fixture('macos', 'zoom.us-Info.plist')) as Record<string, unknown>;
    expect(d.CFBundleIdentifier).toBe('us.zoom.xos');
    expect(d.CFBundleShortVersionString).toBe('6.1.11 (39163)');
    expect(d.NSHighResolutionCapable).toBe(true);
    expect(d.LSUIElement).toBe(false);
    expect(d.NSCameraUsageDescription).toBe('Zoom cần truy cập camera của bạn & micro <để> họp.');
    expect(d.CFBundleURLTypes).toEqual([{ CFBundleURLName: 'zoom.us', CFBundleURLSchemes: ['zoommtg', 'zoomus', 'zoomphonecall'] }]);
  });

  it('does not take a nested key for a top-level one', () => {
    const xml = '<plist><dict><key>Inner</key><dict><key>CFBundleIdentifier</key><string>us.zoom.xos</string></dict><key>CFBundleIdentifier</key><string>com.example.app</string></dict></plist>';
    expect((parseXmlPlist(xml) as Record<string, unknown>).CFBundleIdentifier).toBe('com.example.app');
  });

  it.each([
    ['truncated', fixture('macos', 'zoom.us-Info.plist').slice(0, 300)],
    ['empty', ''],
    ['not a plist', '<html><body>502 Bad Gateway</body></html>'],
    ['a key without a value', '<plist><dict><key>Label</key></dict></plist>'],
  ])('throws PlistError on %s input', (_what, text) => {
    expect(() => parseXmlPlist(text)).toThrow(PlistError);
  });
});

describe('reading plists through the host', () => {
  it('converts a binary plist with plutil and parses the XML it prints', async () => {
    const path = '/Applications/zoom.us.app/Contents/Info.plist';
    const host = new FixtureHost({
      platform: 'darwin',
      homedir: '/Users/nguyễn',
      files: { [path]: { type: 'file', content: bytes('zoom.us-Info.bplist') } },
      commands: [{ argv: ['plutil', '-convert', 'xml1', '-o', '-', path], stdout: fixture('macos', 'zoom.us-Info.plutil-xml1.txt') }],
    });
    expect((await readPlistDict(host, path)).CFBundleIdentifier).toBe('us.zoom.xos');
    expect(host.calls).toEqual([['plutil', '-convert', 'xml1', '-o', '-', path]]);
  });

  it('gives the reason when plutil is missing or hangs', async () => {
    const path = '/x/Info.plist';
    const files = { [path]: { type: 'file' as const, content: bytes('zoom.us-Info.bplist') } };
    await expect(readPlistDict(new FixtureHost({ platform: 'darwin', homedir: '/Users/a', files }), path)).rejects.toMatchObject({ reason: { key: 'common:reason.toolMissing' } });
    const hung = new FixtureHost({ platform: 'darwin', homedir: '/Users/a', files, commands: [{ argv: ['plutil', '-convert', 'xml1', '-o', '-', path], error: 'timeout' }] });
    await expect(readPlistDict(hung, path)).rejects.toMatchObject({ reason: { key: 'common:reason.timeout' } });
  });
});
