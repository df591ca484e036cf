/**
 * Electron main: app lifecycle only. One instance per user (a second start shows the window of
 * the first); the app's name and data folder match the CLI's (src/core/paths.ts), so both read
 * the same state. Everything else is wired in src/main/start-app.ts.
 */
import { app } from 'electron';
import { hostFromEnv } from '../core/host/host-from-env';
import { APP_DIR_NAME, userDataDir } from '../core/paths';
import { setWindowsAppId } from './app-id';
import { startApp } from './start-app';

app.setName(APP_DIR_NAME);
// Before any notification: Windows shows none for an app without its AppUserModelID.
setWindowsAppId(app);
const host = hostFromEnv(process.env);
const dataDir = userDataDir(host);
app.setPath('userData', dataDir);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // A tray app: no dock icon on macOS.
  app.dock?.hide();
  app
    .whenReady()
    .then(() => {
      startApp(dataDir, host);
    })
    .catch((e: unknown) => {
      console.error('attt-selfcheck: could not start', e);
      app.exit(1);
    });
}
