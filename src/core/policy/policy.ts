import builtinJson from '../../../policies/cv-1981-ubnd-vhtt.json';
import type { PolicyProvenance } from '../../shared/org-policy';
import type { ReportPolicy } from '../../shared/report';
import { validatedAtBuild } from '../validated-at-build';
import { policySchema, type Policy } from './policy-schema';

/** A policy file that did not validate; `issues` lists each problem with its path. */
export class PolicyError extends Error {
  constructor(
    message: string,
    readonly issues: readonly string[],
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

/** Validates an untrusted policy document. Throws PolicyError with every problem found. */
export function parsePolicy(input: unknown, source = 'policy'): Policy {
  const result = policySchema().safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new PolicyError(`${source} is not a valid policy: ${issues.join('; ')}`, issues);
  }
  return result.data;
}

let builtin: Policy | undefined;

/** The built-in policy: Công văn 1981/UBND-VHTT of UBND thành phố Cẩm Phả (validated by the build, else here). */
export function builtinPolicy(): Policy {
  builtin ??= (validatedAtBuild.policy as Policy | undefined) ?? parsePolicy(builtinJson, 'built-in policy');
  return builtin;
}

/** What a Report says about the policy it was judged against. */
export function reportPolicy(policy: Policy, provenance?: PolicyProvenance): ReportPolicy {
  return { id: policy.id, number: policy.number, title: policy.title, citations: policy.citations, ...(provenance ?? {}) };
}
