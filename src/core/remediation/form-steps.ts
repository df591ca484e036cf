/**
 * Steps for the forms the app leaves besides its install: its unpacked tarball, menu/autostart entries
 * and shortcuts that start it, Run values, and its URL-scheme handlers (mimeapps.list lines, registry keys).
 * Derived from evidence only; the file steps are checked again when they run (checked-steps.ts).
 */
import type { Evidence, Message } from '../../shared/finding';
import type { Host } from '../host/host';
import { systemTool } from '../windows/system-tools';
import type { CheckedForm, PlanStep } from './plan';
import type { Derivation } from './posix-plans';

/** The registry roots a handler or Run value may be deleted from: the user's own, or the machine's (administrator). */
const REG_KEY = /^(HKCU|HKLM|HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE)\\[^"\0\r\n]+$/i;

function checked(path: string, form: CheckedForm): PlanStep {
  return { kind: 'remove-checked', title: { key: `fix:step.removeChecked.${form}`, params: { path } }, path, form, elevation: 'none' };
}

function regDelete(host: Host, key: string, value: string | undefined, title: Message): PlanStep | null {
  if (!REG_KEY.test(key) || (value !== undefined && /[\0\r\n]/.test(value))) return null;
  const machine = /^(HKLM|HKEY_LOCAL_MACHINE)\\/i.test(key);
  // Exactly that value (/v NAME) or that key; /f: no prompt (there is nobody to answer it).
  const which = value === undefined ? [] : value === '' ? ['/ve'] : ['/v', value];
  const argv = [systemTool(host.env, 'reg'), 'delete', key, ...which, '/f'];
  // Optional: the app's own uninstaller (run before) may have taken it already; the re-check judges.
  return { kind: 'run', title, argv, elevation: machine ? 'admin' : 'none', okExitCodes: [0], optional: true };
}

/** The step that removes one piece of evidence of a form, or why there is none. */
function stepFor(host: Host, e: Evidence): PlanStep | Message {
  const d = e.data ?? {};
  if (e.kind === 'folder' && d.form === 'tarball' && e.path) return checked(e.path, 'tarball');
  if (e.kind === 'launcher') {
    if (d.form === 'run-value') {
      const s = d.key && d.valueName !== undefined ? regDelete(host, d.key, d.valueName, { key: 'fix:step.runValue', params: { name: d.valueName || '(Default)' } }) : null;
      return s ?? { key: 'fix:why.noPath', params: { what: e.detail } };
    }
    if (!e.path) return { key: 'fix:why.noPath', params: { what: e.detail } };
    // An entry that only opens the app's links starts another program: that program is not ours to remove.
    if (!d.program) return { key: 'fix:why.entryStartsOther', params: { path: e.path } };
    if (d.form === 'desktop-entry' || d.form === 'autostart' || d.form === 'shortcut') return checked(e.path, d.form);
  }
  if (e.kind === 'url-handler') {
    if (d.form === 'mimeapps' && e.path && d.schemes) {
      const types = d.schemes.split(',').filter((s) => /^[a-z][a-z0-9+.-]*$/.test(s)).map((s) => `x-scheme-handler/${s}`);
      return { kind: 'unset-handler', title: { key: 'fix:step.unsetHandler', params: { path: e.path, schemes: d.schemes.replace(/,/g, ', ') } }, path: e.path, types, elevation: 'none' };
    }
    if (d.form === 'registry' && d.key) {
      // A key whose command starts another program is that program's registration: only an empty key or the app's own goes.
      if (d.command && !d.program) return { key: 'fix:why.handlerStartsOther', params: { scheme: d.scheme ?? '?' } };
      return regDelete(host, d.key, undefined, { key: 'fix:step.urlHandlerKey', params: { scheme: d.scheme ?? '?' } }) ?? { key: 'fix:why.noPath', params: { what: e.detail } };
    }
  }
  return { key: 'fix:why.noEvidence' };
}

/** True when the evidence is of a form removed by form steps (not one that a package removal takes away). */
export function isFormEvidence(e: Evidence): boolean {
  if (e.data?.package) return false; // a package's own entry goes with the package
  return (e.kind === 'folder' && e.data?.form === 'tarball') || e.kind === 'launcher' || e.kind === 'url-handler';
}

/** Steps for every form in the evidence; the first reason when none can be derived. */
export function formSteps(host: Host, evidence: readonly Evidence[]): Derivation {
  const steps: PlanStep[] = [];
  let why: Message | undefined;
  for (const e of evidence.filter(isFormEvidence)) {
    const s = stepFor(host, e);
    if ('kind' in s) steps.push(s);
    else why ??= s;
  }
  return steps.length > 0 || !why ? { steps } : { why };
}
