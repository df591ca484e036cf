import type { Probe } from '../probe';

/** Every probe for banned apps on this platform. */
export const windowsProbes: readonly Probe[] = [];
