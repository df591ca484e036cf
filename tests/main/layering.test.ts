import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** Lints a snippet as if it lived at `file` (relative to the repo), returning "rule: message" lines. */
async function lint(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: join(root, file) });
  return (r?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('ESLint layering and Electron hardening', () => {
  it('src/core, src/shared and src/cli may not import electron', async () => {
    for (const f of ['src/core/zz-probe.ts', 'src/shared/zz-probe.ts', 'src/cli/zz-probe.ts']) {
      expect(await lint(f, "import { app } from 'electron';\nexport const x = app;\n"), f).toEqual([expect.stringMatching(/^no-restricted-imports: .*Bad layering.*src\/main/)]);
    }
  });

  it('src/core may not import the UI layers', async () => {
    expect(await lint('src/core/zz-probe.ts', "import { x } from '../main/tray';\nexport const y = x;\n")).toEqual([expect.stringMatching(/src\/core imports only src\/shared/)]);
  });

  it('src/renderer may not import electron, src/core, or Node built-ins (node: and bare)', async () => {
    const f = 'src/renderer/src/zz-probe.ts';
    expect(await lint(f, "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toEqual([expect.stringMatching(/window\.api/)]);
    expect(await lint(f, "import { runChecks } from '../../core/engine';\nexport const a = runChecks;\n")).toEqual([expect.stringMatching(/never imports src\/core/)]);
    expect(await lint(f, "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toEqual([expect.stringMatching(/without Node/)]);
    expect(await lint(f, "import { join } from 'path';\nexport const a = join;\n")).toEqual([expect.stringMatching(/without Node/)]);
    expect(await lint(f, "import type { Report } from '../../shared/report';\nexport type R = Report;\n")).toEqual([]);
  });

  it('src/shared imports nothing of ours outside src/shared', async () => {
    expect(await lint('src/shared/zz-probe.ts', "import { builtinPolicy } from '../core/policy/policy';\nexport const p = builtinPolicy;\n")).toEqual([expect.stringMatching(/src\/shared imports nothing of ours/)]);
    expect(await lint('src/shared/zz-probe.ts', "import type { Finding } from './finding';\nexport type F = Finding;\n")).toEqual([]);
  });

  it('raw ipcMain / ipcRenderer only inside the two typed wrappers, with a message saying what to use', async () => {
    const raw = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
    expect(await lint('src/main/zz-probe.ts', raw)).toEqual([expect.stringMatching(/^no-restricted-imports: .*Use the typed IPC wrappers: handle\(\)\/send\(\) from src\/main\/ipc-main\.ts/)]);
    expect(await lint('src/main/zz-probe.ts', "import * as e from 'electron';\ne.ipcMain.handle('x', () => 1);\n")).toEqual([expect.stringMatching(/^no-restricted-imports: .*Use the typed IPC wrappers/), expect.stringMatching(/^no-restricted-syntax: Use the typed IPC wrappers/)]);
    expect(await lint('src/preload/zz-probe.ts', "import { ipcRenderer } from 'electron';\nvoid ipcRenderer.invoke('x');\n")).toEqual([expect.stringMatching(/invoke\(\)\/on\(\) from src\/preload\/ipc-renderer\.ts/)]);
    expect(await lint('src/main/ipc-main.ts', raw)).toEqual([]);
  });

  it('the preload imports src/shared only', async () => {
    expect(await lint('src/preload/zz-probe.ts', "import { runChecks } from '../core/engine';\nexport const r = runChecks;\n")).toEqual([expect.stringMatching(/preload imports src\/shared only/)]);
  });

  it.each([
    ['nodeIntegration: true', /nodeIntegration must stay false/],
    ['contextIsolation: false', /contextIsolation must stay true/],
    ['sandbox: false', /sandbox must stay true/],
    ['webSecurity: false', /webSecurity must stay true/],
    ['allowRunningInsecureContent: true', /insecure content/],
    ['webviewTag: true', /no <webview>/],
  ])('forbids %s in window options', async (prop, message) => {
    const out = await lint('src/main/zz-probe.ts', `export const prefs = { ${prop} };\n`);
    expect(out).toEqual([expect.stringMatching(message)]);
  });

  it('forbids running commands through a shell', async () => {
    expect(await lint('src/core/zz-probe.ts', "import { spawn } from 'node:child_process';\nspawn('ls', [], { shell: true });\n")).toEqual([expect.stringMatching(/argv arrays, never through a shell/)]);
  });
});
