#!/usr/bin/env node
// `npm start`: builds and launches the tray app when Electron's binary is here. Otherwise it tries
// Electron's own installer (it downloads where the network allows) within a time limit, and if that
// fails it says so in one paragraph (Vietnamese, then English) and runs the same check in the
// terminal, exiting with the CLI's code.
//
// Environment: ATTT_ELECTRON_INSTALL_TIMEOUT_MS (default 180000) limits the download;
// ATTT_ELECTRON_DIR points at another electron package folder (tests use a fake one).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = process.env.ATTT_ELECTRON_DIR || join(root, 'node_modules', 'electron');
const timeoutMs = Number(process.env.ATTT_ELECTRON_INSTALL_TIMEOUT_MS) > 0 ? Number(process.env.ATTT_ELECTRON_INSTALL_TIMEOUT_MS) : 180_000;

/** Whether the electron package has its binary (path.txt names it, dist/ holds it). */
function hasBinary() {
  try {
    const rel = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    return rel.length > 0 && existsSync(join(electronDir, 'dist', rel));
  } catch {
    return false;
  }
}

/** The line of an installer's stderr that says what went wrong (not a stack frame), cut short. */
export function errorLine(stderr) {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('at '));
  const line = lines.find((l) => /error|ENOTFOUND|EAI_AGAIN|ECONN|ETIMEDOUT|certificate/i.test(l)) ?? lines.pop() ?? '';
  return line.slice(0, 200);
}

/** Runs Electron's install.js, killed (with its children) after timeoutMs. Resolves to a short reason when it failed. */
function tryInstall() {
  const script = join(electronDir, 'install.js');
  if (!existsSync(script)) return Promise.resolve(`${script} not found`);
  process.stderr.write('Đang tải Electron… / Downloading Electron…\n');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], { cwd: electronDir, stdio: ['ignore', 'ignore', 'pipe'], detached: process.platform !== 'win32' });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-2000);
    });
    const timer = setTimeout(() => {
      try {
        if (process.platform === 'win32') child.kill();
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve(`no answer within ${Math.round(timeoutMs / 1000)} s`);
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve(e.message);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : `exit code ${code}${errorLine(stderr) ? `: ${errorLine(stderr)}` : ''}`);
    });
  });
}

function launch() {
  const cli = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'preview'], { cwd: root, stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

function fallback(reason) {
  const paragraph = [
    `Không tải được chương trình Electron trên máy tính này (${reason}), nên chưa mở được cửa sổ và biểu tượng khay của trợ lý. Điều này không ảnh hưởng đến việc kiểm tra: trợ lý sẽ chạy ngay bước kiểm tra tương tự trong cửa sổ dòng lệnh này. Để có giao diện đầy đủ, đề nghị đồng chí chạy lại «npm start» khi máy có kết nối Internet, hoặc đặt biến ELECTRON_MIRROR trỏ tới máy chủ bản sao, hoặc chép sẵn tệp Electron vào bộ nhớ đệm (electron_config_cache).`,
    `The Electron binary could not be downloaded on this machine (${reason}), so the assistant's window and tray icon cannot open. The check itself is not affected: the same check now runs in this terminal. To get the full app, run "npm start" again with network access, or set ELECTRON_MIRROR to a mirror, or place the Electron zip in its cache (electron_config_cache).`,
  ].join('\n');
  process.stdout.write(`\n${paragraph}\n\n`);
  const r = spawnSync(process.execPath, [join(root, 'bin', 'attt-selfcheck.cjs'), 'check'], { cwd: root, stdio: 'inherit', env: process.env });
  process.exit(r.status ?? 1);
}

if (hasBinary()) launch();
else {
  const reason = await tryInstall();
  if (reason === null && hasBinary()) launch();
  else fallback(reason ?? 'the installer finished but no binary is present');
}
