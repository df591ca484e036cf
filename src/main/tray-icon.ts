/**
 * Which tray icon file each OS gets (drawn by scripts/make-icons.mjs): Windows STATE.png, 16 px at 100 %, with
 * STATE@2x.png (32 px) that nativeImage picks at 200 %; Linux STATE-22.png, the AppIndicator size; macOS
 * STATETemplate.png (16 px) + @2x (32 px), black template images the menu bar tints for light and dark.
 */
import { join } from 'node:path';
import type { TrayState } from './tray-state';

/** The icon file of a state on a platform, and whether it is a macOS template image. */
export interface TrayIconFile {
  readonly path: string;
  readonly template: boolean;
}

/** The icon file for `state` on `platform`; nativeImage loads NAME@2x.png beside it where there is one. */
export function trayIconFile(assetsDir: string, state: TrayState, platform: NodeJS.Platform): TrayIconFile {
  if (platform === 'darwin') return { path: join(assetsDir, 'tray', `${state}Template.png`), template: true };
  if (platform === 'win32') return { path: join(assetsDir, 'tray', `${state}.png`), template: false };
  return { path: join(assetsDir, 'tray', `${state}-22.png`), template: false };
}
