/**
 * electron-builder.yml: valid against app-builder-lib's own JSON schema (scheme.json, with the ajv and js-yaml
 * app-builder-lib itself resolves), and it says what IT relies on: per-user by default, a silent per-machine
 * install (`/S /allusers`), the four installers, one artifact name with product, version, OS and arch.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from '../../src/main/app-id';

const root = join(__dirname, '..', '..');
const builderLib = join(root, 'node_modules', 'app-builder-lib', 'package.json');
const fromBuilder = createRequire(builderLib);
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
const Ajv = (fromBuilder('ajv') as { default: new (o: object) => AjvLike }).default;
const { expandMacro } = fromBuilder('./out/util/macroExpander') as { expandMacro(p: string, arch: string | null, info: object, extra: object): string };
// The arch as each format spells it (deb amd64, AppImage x86_64), as platformPackager's computeArtifactName does.
const { getArtifactArchName } = fromBuilder('builder-util') as { getArtifactArchName(arch: number, ext: string): string };
const ARCH = { x64: 1, arm64: 3 } as const; // builder-util's Arch enum

interface AjvLike { compile(schema: unknown): ((data: unknown) => boolean) & { errors?: readonly { instancePath: string; message?: string }[] | null } }
type Config = Record<string, unknown> & { nsis: Record<string, unknown>; artifactName: string };
interface TargetEntry { readonly target: string; readonly arch?: readonly string[] }

const schema: unknown = JSON.parse(readFileSync(join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
const config = yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string; productName: string };
// As app-builder-lib validates (schemaValidator.js): all errors, no strict mode (its schema has keywords ajv's strict mode refuses).
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const errorsOf = (data: unknown): string[] => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`));

function targets(platform: 'win' | 'mac' | 'linux'): TargetEntry[] {
  const t = (config[platform] as { target: (string | TargetEntry)[] }).target;
  return t.map((x) => (typeof x === 'string' ? { target: x } : x));
}

describe('electron-builder.yml', () => {
  it("is valid against app-builder-lib's scheme.json", () => {
    expect(errorsOf(config)).toEqual([]);
  });

  it('a wrong configuration is refused by the same validator (it is not a schema that takes anything)', () => {
    expect(errorsOf({ ...config, nsis: { ...config.nsis, perMachine: 'yes' } }).join('\n')).toMatch(/nsis\/perMachine/);
    expect(errorsOf({ ...config, nsis: { ...config.nsis, silentAllUsers: true } })).not.toEqual([]);
    expect(errorsOf({ ...config, linux: { target: 42 } })).not.toEqual([]);
  });

  it('the appId is the AppUserModelID the app sets', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });

  it('Windows: an assisted NSIS installer, per user by default, per machine possible (silently with /S /allusers)', () => {
    expect(targets('win').map((t) => t.target)).toEqual(['nsis']);
    // oneClick false + perMachine false: the install-mode page and the /allusers, /currentuser switches
    // (app-builder-lib's templates/nsis/assistedInstaller.nsh reads them); per user unless chosen.
    expect(config.nsis.oneClick).toBe(false);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.selectPerMachineByDefault ?? false).toBe(false);
    expect(config.nsis.allowElevation ?? true).toBe(true);
    const assisted = readFileSync(join(root, 'node_modules', 'app-builder-lib', 'templates', 'nsis', 'assistedInstaller.nsh'), 'utf8');
    expect(assisted).toContain('${GetOptions} $R0 "/allusers" $R1');
    expect(assisted).toContain('${GetOptions} $R0 "/currentuser" $R1');
  });

  it('macOS dmg, Linux AppImage and deb', () => {
    expect(targets('mac').map((t) => t.target)).toEqual(['dmg']);
    expect(targets('linux').map((t) => t.target).sort()).toEqual(['AppImage', 'deb']);
    for (const t of [...targets('win'), ...targets('mac'), ...targets('linux')]) expect(t.arch?.length, t.target).toBeGreaterThan(0);
  });

  it('every installer is named with product, version, OS and arch (expanded by app-builder-lib)', () => {
    expect(config.artifactName).toBe('${name}-${version}-${os}-${arch}.${ext}');
    for (const k of ['nsis', 'dmg', 'appImage', 'deb'] as const) expect((config[k] as Record<string, unknown> | undefined)?.artifactName, k).toBeUndefined();
    const info = { name: pkg.name, version: pkg.version, productName: pkg.productName, sanitizedProductName: pkg.productName };
    const name = (os: string, arch: keyof typeof ARCH, ext: string): string => expandMacro(config.artifactName, getArtifactArchName(ARCH[arch], ext), info, { os, ext });
    const names = [name('win', 'x64', 'exe'), name('win', 'arm64', 'exe'), name('mac', 'arm64', 'dmg'), name('linux', 'x64', 'AppImage'), name('linux', 'x64', 'deb')];
    const v = pkg.version;
    expect(names).toEqual([`attt-selfcheck-${v}-win-x64.exe`, `attt-selfcheck-${v}-win-arm64.exe`, `attt-selfcheck-${v}-mac-arm64.dmg`, `attt-selfcheck-${v}-linux-x86_64.AppImage`, `attt-selfcheck-${v}-linux-amd64.deb`]);
    // One installer per architecture: a universal NSIS installer would have no arch in its name.
    expect(config.nsis.buildUniversalInstaller).toBe(false);
  });
});
