/** The Windows AppUserModelID: without it Windows shows no notifications of an app not started from its shortcut. */

/** The same id as `appId` in electron-builder.yml (the NSIS shortcut carries it; tests/main/app-id.test.ts compares). */
export const APP_USER_MODEL_ID = 'vn.gov.quangninh.campha.attt-selfcheck';

/** Sets the id on Windows; call it before any notification (src/main/index.ts does, before the app is ready). */
export function setWindowsAppId(app: { setAppUserModelId(id: string): void }, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);
}
