import type { AtttApi } from '../shared/ipc-contract';

declare global {
  interface Window {
    /** The bridge to main: named verbs of src/shared/ipc-contract.ts, exposed by src/preload/index.ts. */
    readonly api: AtttApi;
  }
}

export {};
