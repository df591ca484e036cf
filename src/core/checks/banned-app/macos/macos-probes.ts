import type { Probe } from '../probe';

/** Every probe for banned apps on this platform. */
export const macosProbes: readonly Probe[] = [];
