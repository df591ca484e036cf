import type { Evidence, Message } from '../../shared/finding';
import type { PlanKind } from '../../shared/fix';

/**
 * Rights a step needs. `admin`: always (pkexec on Linux unless root, an administrator prompt on
 * macOS unless root, UAC on Windows unless elevated). `if-needed`: a file step tried with the
 * user's rights first, retried as administrator only when the folder refuses (macOS, Linux).
 */
export type Elevation = 'none' | 'admin' | 'if-needed';

/** Close the running app: by pid, checked to still be one of `names`; SIGTERM/taskkill, then force after a grace. */
export interface CloseAppStep {
  readonly kind: 'close-app';
  readonly title: Message;
  readonly pids: readonly number[];
  /** Process names the pids must still carry (pids are reused). */
  readonly names: readonly string[];
}

/** Run one program as argv. */
export interface RunStep {
  readonly kind: 'run';
  readonly title: Message;
  readonly argv: readonly string[];
  readonly elevation: Elevation;
  /** Exit codes that mean success (e.g. msiexec 3010 = done, restart needed). */
  readonly okExitCodes: readonly number[];
  /** A failure here does not stop the plan (e.g. unloading a job that is not loaded). */
  readonly optional?: boolean;
  /** Whose exit codes the program gives, when they have documented meanings (exit-meaning.ts). */
  readonly codes?: 'windows-installer';
}

/** Move a path to the Trash / Recycle Bin (installers, app bundles). */
export interface TrashStep {
  readonly kind: 'trash';
  readonly title: Message;
  readonly path: string;
  readonly elevation: Elevation;
}

/** Delete an allowlisted path (leftover data, launchd plists, a manual install folder). */
export interface RemoveStep {
  readonly kind: 'remove';
  readonly title: Message;
  readonly path: string;
  readonly elevation: Elevation;
}

/** What a checked removal removes: the app's unpacked tarball, or an entry or shortcut that starts it. */
export type CheckedForm = 'tarball' | 'desktop-entry' | 'autostart' | 'shortcut';

/**
 * Delete a path that no allowlist can name in advance (it lies anywhere, under any name) only after
 * checking again, when the step runs, that it still is the app's: the tarball's programs are there,
 * the entry or shortcut still starts the app. Never through a link; with the user's own rights.
 */
export interface RemoveCheckedStep {
  readonly kind: 'remove-checked';
  readonly title: Message;
  readonly path: string;
  readonly form: CheckedForm;
  readonly elevation: 'none';
}

/** Take the app's URL-scheme handler lines out of a mimeapps.list, every other byte kept (atomic rewrite). */
export interface UnsetHandlerStep {
  readonly kind: 'unset-handler';
  readonly title: Message;
  readonly path: string;
  /** `x-scheme-handler/…` types whose lines go. */
  readonly types: readonly string[];
  readonly elevation: 'none';
}

/** One action of a plan. */
export type PlanStep = CloseAppStep | RunStep | TrashStep | RemoveStep | RemoveCheckedStep | UnsetHandlerStep;

/** How to remove one finding, derived from its evidence only. An empty `steps` means manual only. */
export interface RemediationPlan {
  /** Stable: the finding id plus the plan kind. */
  readonly id: string;
  readonly findingId: string;
  readonly kind: PlanKind;
  readonly title: Message;
  readonly steps: readonly PlanStep[];
  /** What a person can do by hand: shown when the plan cannot act, fails, or is refused. */
  readonly manual: readonly Message[];
  /** Why the plan cannot act by itself (no uninstaller, another user's install, ...). */
  readonly why?: Message;
  /** The finding's evidence when the plan was made (the "before" of the audit log). */
  readonly evidence: readonly Evidence[];
}

/** True when some step of the plan needs (or may need) administrator rights. */
export function needsElevation(plan: RemediationPlan): boolean {
  return plan.steps.some((s) => s.kind !== 'close-app' && s.elevation !== 'none');
}

/** Order plans run in: close the app, uninstall, then leftovers, then installers; manual ones last. */
export const PLAN_ORDER: readonly PlanKind[] = ['close', 'uninstall', 'leftover', 'installer', 'manual'];
