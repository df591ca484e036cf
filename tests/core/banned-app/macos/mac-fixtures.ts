// Helpers for the macOS probe tests: recorded files as bytes, and a Mac host built from them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FixtureHost, type FixtureCommand, type FixtureNode } from '../../../../src/core/host/fixture-host';

/** The home of the user in these tests (non-ASCII on purpose). */
export const HOME = '/Users/nguyễn';

/** A recorded file from tests/fixtures/macos as bytes. */
export function bytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'macos', name)));
}

/** A file node holding a recorded file. */
export function file(name: string): FixtureNode {
  return { type: 'file', content: bytes(name) };
}

/** A Mac with these files and commands; /Applications always exists. */
export function mac(files: Record<string, FixtureNode>, commands: FixtureCommand[] = []): FixtureHost {
  return new FixtureHost({ platform: 'darwin', homedir: HOME, files: { '/Applications': { type: 'dir' }, ...files }, commands });
}
