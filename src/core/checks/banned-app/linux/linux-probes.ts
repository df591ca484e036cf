import type { Probe } from '../probe';

/** Every probe for banned apps on this platform. */
export const linuxProbes: readonly Probe[] = [];
