/** The advisory as the window's advisory page shows it: the document, its points, its risks, and which checks look at each point. */
import { concernsPoint, type AdvisoryPoint } from './finding';
import type { PolicyView } from './ipc-contract';
import type { Citation, LocalizedText } from './report';

/** The parts of a policy the page shows (a validated policy has them; so has the policy file as it is). */
export interface PolicyDocument {
  readonly id: string;
  readonly number: string;
  readonly date: string;
  readonly issuer: LocalizedText;
  readonly title: LocalizedText;
  readonly points: readonly { readonly n: AdvisoryPoint; readonly text: LocalizedText }[];
  readonly risks?: readonly { readonly id: string; readonly text: LocalizedText }[];
  readonly citations: readonly Citation[];
}

/** A check as far as the page needs it: its id and the point of the document it concerns. */
export interface CheckPoint {
  readonly id: string;
  readonly advisoryPoint: AdvisoryPoint;
  readonly alsoPoints?: readonly AdvisoryPoint[];
}

/** The page's view of `policy`; each point lists the ids of the `checks` that concern it (none: the assistant cannot check it yet). */
export function policyView(policy: PolicyDocument, checks: readonly CheckPoint[]): PolicyView {
  return {
    id: policy.id,
    number: policy.number,
    date: policy.date,
    issuer: policy.issuer,
    title: policy.title,
    points: policy.points.map((p) => ({ n: p.n, text: p.text, checks: checks.filter((c) => concernsPoint(c, p.n)).map((c) => c.id) })),
    risks: policy.risks ?? [],
    citations: policy.citations,
  };
}
