/**
 * Keeps the Electron shim (tests/system/electron-shim) honest: every Electron API the app's source
 * uses — module exports, members of Electron's types, the events it listens to — read from
 * src/main and src/preload with the TypeScript checker, must be implemented by the shim (or be
 * left out with a written reason). The day the app calls something new, this fails by name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EMITS, IMPLEMENTS, LEFT_OUT, NOT_EMITTED } from '../system/electron-shim/coverage';
import electron from '../system/electron-shim/electron';
import { DELIVER, INVOKE_BINDING, MISSING_BINDING, preloadRuntime } from '../system/electron-shim/page-runtime';

const ROOT = join(__dirname, '..', '..');
const SOURCES = ['src/main', 'src/preload'].flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => join(ROOT, d, f)));

/** The app's uses of Electron: `Type.member` and `Type:event`, each with where it is used. */
function electronUses(): { members: Map<string, string>; events: Map<string, string> } {
  const program = ts.createProgram(SOURCES, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, skipLibCheck: true, resolveJsonModule: true, esModuleInterop: true, types: ['node'], noEmit: true });
  const checker = program.getTypeChecker();
  const members = new Map<string, string>();
  const events = new Map<string, string>();
  const fromElectron = (d: ts.Declaration): boolean => d.getSourceFile().fileName.endsWith('electron/electron.d.ts');
  const owner = (d: ts.Declaration): string => {
    // The nearest named class, interface or type alias (Electron's `type Event<P> = {...} & P`); module exports have none.
    for (let p: ts.Node = d.parent; !ts.isSourceFile(p); p = p.parent) {
      if ((ts.isClassDeclaration(p) || ts.isInterfaceDeclaration(p) || ts.isTypeAliasDeclaration(p)) && p.name) return p.name.text;
      if (ts.isModuleBlock(p)) break;
    }
    return 'electron';
  };
  for (const file of program.getSourceFiles().filter((f) => SOURCES.includes(f.fileName))) {
    const where = (n: ts.Node): string => `${file.fileName.slice(ROOT.length + 1)}:${file.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier) && n.moduleSpecifier.text === 'electron' && !n.importClause?.isTypeOnly) {
        const named = n.importClause?.namedBindings;
        if (named && ts.isNamedImports(named)) for (const s of named.elements) if (!s.isTypeOnly) members.set(`electron.${(s.propertyName ?? s.name).text}`, where(s));
      }
      if (ts.isPropertyAccessExpression(n)) {
        const decl = checker.getSymbolAtLocation(n.name)?.declarations?.find(fromElectron);
        if (decl) {
          const name = `${owner(decl)}.${n.name.text}`;
          if (!members.has(name)) members.set(name, where(n));
          const call = n.parent;
          if (['on', 'once', 'addListener'].includes(n.name.text) && ts.isCallExpression(call) && call.expression === n && call.arguments[0] && ts.isStringLiteral(call.arguments[0])) {
            events.set(`${owner(decl)}:${call.arguments[0].text}`, where(n));
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(file);
  }
  return { members, events };
}

const uses = electronUses();

describe('the Electron shim implements every Electron API the app uses', () => {
  it('finds the app\'s uses (the reader is not blind)', () => {
    for (const known of ['electron.app', 'App.requestSingleInstanceLock', 'Tray.setContextMenu', 'Menu.buildFromTemplate', 'WebContents.setWindowOpenHandler', 'IpcMain.handle', 'IpcRenderer.invoke', 'ContextBridge.exposeInMainWorld']) {
      expect([...uses.members.keys()]).toContain(known);
    }
    expect([...uses.events.keys()]).toContain('App:second-instance');
  });

  it('every member used is implemented in main', () => {
    const main = [...uses.members].filter(([, where]) => where.startsWith('src/main/'));
    const missing = main.filter(([name]) => {
      if (LEFT_OUT[name]) return false;
      const [type, member] = name.split('.') as [string, string];
      return !(IMPLEMENTS[type] ?? []).some((o) => member in o);
    });
    expect(missing.map(([name, where]) => `${name} (${where})`)).toEqual([]);
  });

  it('every event listened to is emitted by the shim (or left out with a reason)', () => {
    const missing = [...uses.events].filter(([name]) => {
      const [type, event] = name.split(':') as [string, string];
      return !(EMITS[type] ?? []).includes(event) && !NOT_EMITTED[name];
    });
    expect(missing.map(([name, where]) => `${name} (${where})`)).toEqual([]);
  });

  it('the preload side (ipcRenderer, contextBridge in the page) has every member the preload uses', () => {
    const window: Record<string, unknown> = { [INVOKE_BINDING]: () => Promise.resolve(null), [MISSING_BINDING]: () => undefined };
    window.window = window;
    window.top = window;
    // The bridge's DOM events (nothing answers here: this test looks at the electron module only).
    window.document = { addEventListener: () => undefined, dispatchEvent: () => true };
    window.CustomEvent = class {};
    runInNewContext(preloadRuntime('window.probe = require("electron");'), window);
    const probe = window.probe as { ipcRenderer: object; contextBridge: object };
    expect(typeof window[DELIVER]).toBe('function');
    const objects: Record<string, object> = { electron: probe, IpcRenderer: probe.ipcRenderer, ContextBridge: probe.contextBridge };
    const used = [...uses.members].filter(([, where]) => where.startsWith('src/preload/')).map(([name]) => name);
    expect(used).toContain('electron.contextBridge');
    for (const name of used) {
      const [type, member] = name.split('.') as [string, string];
      expect(objects[type] !== undefined && member in objects[type], name).toBe(true);
    }
  });

  it('anything else the app touches throws, by name', () => {
    const shim = electron as unknown as Record<string, Record<string, unknown>>;
    expect(() => shim.clipboard).toThrow(/electron\.clipboard is not implemented/);
    expect(() => shim.app!.setBadgeCount).toThrow(/app\.setBadgeCount is not implemented/);
    expect(() => (shim.session!.defaultSession as Record<string, unknown>).cookies).toThrow(/Session\.cookies is not implemented/);
  });

  it('what is left out is still used (no stale excuses)', () => {
    for (const name of Object.keys(LEFT_OUT)) expect([...uses.members.keys()]).toContain(name);
    for (const name of Object.keys(NOT_EMITTED)) expect([...uses.events.keys()]).toContain(name);
    expect(readFileSync(join(ROOT, 'tests', 'system', 'README.md'), 'utf8')).toContain('will-redirect');
  });
});
