/** The policy in force for the tray app: the built-in one until the organisation's is read, read again before each check. */
import { builtinPolicyInForce, type PolicyInForce } from '../core/policy/policy-in-force';
import type { OrgPolicyView } from '../shared/org-policy';

/** Holds the latest policy in force and tells when it changed (IT deployed, replaced or broke a policy while the app ran). */
export class PolicyHolder {
  private inForce: PolicyInForce = builtinPolicyInForce();

  constructor(
    private readonly load: () => Promise<PolicyInForce>,
    private readonly changed: (p: PolicyInForce) => void = () => undefined,
  ) {}

  /** The policy in force as last read. */
  current(): PolicyInForce {
    return this.inForce;
  }

  /** Reads the policy again (never throws: a refusal is part of the result); tells `changed` when what it says differs. */
  async refresh(): Promise<PolicyInForce> {
    const next = await this.load();
    const differs = fingerprint(next) !== fingerprint(this.inForce);
    this.inForce = next;
    if (differs) this.changed(next);
    return next;
  }
}

/** What a change of policy may change for the app: the window's view, the banned apps and the schedule. */
function fingerprint(p: PolicyInForce): string {
  return JSON.stringify([orgPolicyView(p), p.policy.bannedApps.map((a) => a.id), p.policy.schedule, p.choices]);
}

/** What the window shows of the policy in force. */
export function orgPolicyView(p: PolicyInForce): OrgPolicyView {
  return { ...p.provenance, fullCheckHours: p.choices.fullCheckHours, usersMayTurnOffNotifications: p.choices.usersMayTurnOffNotifications, advisoryNote: p.choices.advisoryNote };
}
