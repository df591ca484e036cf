#!/usr/bin/env node
// The first process of a real-layout machine (tests/helpers/real-layout.ts): run as PID 1 by
// `unshare --mount --pid --fork --mount-proc --propagation private`. It assembles the machine's root
// in a fresh folder (the host's top-level folders bind-mounted, the machine's own folders over them),
// starts the background programs, runs the commands one after the other inside it (chroot), writes
// what they printed to the results file and exits, which ends every process of the namespace.
// With `spec.app` (RealLayout.start) it runs one long-lived program instead, its output on this
// process's own and its messages relayed both ways between it and the test (Node's IPC channel),
// and ends when it does, with its exit code.
// Nothing it mounts is seen outside: the namespace is private, its mounts die with it.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const root = spec.root;

function must(argv) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (${r.status ?? r.signal}): ${(r.stderr || r.error?.message || '').trim()}`);
}

function mountAll() {
  // Private already (unshare --propagation private); said again so no mount can reach the host.
  must(['mount', '--make-rprivate', '/']);
  mkdirSync(root, { recursive: true });
  const own = new Set(spec.own.map((o) => o.target.slice(1)));
  for (const e of readdirSync('/', { withFileTypes: true })) {
    if (e.name === 'proc' || own.has(e.name)) continue;
    const at = join(root, e.name);
    if (e.isSymbolicLink()) symlinkSync(readlinkSync(join('/', e.name)), at);
    else if (e.isDirectory()) {
      mkdirSync(at);
      must(['mount', '--rbind', join('/', e.name), at]);
    }
  }
  for (const o of spec.own) {
    mkdirSync(join(root, o.target), { recursive: true });
    must(['mount', '--bind', o.source, join(root, o.target)]);
  }
  for (const o of spec.overlays) {
    must(['mount', '-t', 'overlay', 'overlay', '-o', `lowerdir=${o.target},upperdir=${o.upper},workdir=${o.work}`, join(root, o.target)]);
  }
  for (const b of spec.binds) must(['mount', '--bind', b.source, join(root, b.target)]);
  mkdirSync(join(root, 'proc'), { recursive: true });
  must(['mount', '-t', 'proc', 'proc', join(root, 'proc')]);
}

/** argv run inside the machine, as root or as the given uid:gid, in `cwd` when given (coreutils env --chdir). */
function inside(argv, user, cwd) {
  return ['chroot', ...(user ? [`--userspec=${user}`] : []), root, ...(cwd ? ['env', `--chdir=${cwd}`] : []), ...argv];
}

function commOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Resolves once `chroot` has exec'd the program (its comm is `ready`, or anything but chroot), so a check sees the program itself. */
async function started(child, ready) {
  for (let i = 0; i < 500; i++) {
    const comm = commOf(child.pid);
    if (ready ? comm === ready : comm !== '' && comm !== 'chroot') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`background program did not start: ${child.spawnargs.join(' ')}`);
}

function runOne(cmd) {
  return new Promise((resolve) => {
    const argv = inside(cmd.argv, cmd.user, cmd.cwd);
    const child = spawn(argv[0], argv.slice(1), { env: cmd.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), cmd.timeoutMs);
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    let done = false;
    const finish = (code, signal) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ argv: cmd.argv, code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    };
    child.on('close', finish);
    // A program it left running may hold its output open: its end is the command's end (output drained meanwhile).
    child.on('exit', (code, signal) => setTimeout(() => finish(code, signal), 500));
  });
}

/** The long-lived program: its messages to and from the test relayed; resolves with its exit code. */
function runApp(cmd) {
  return new Promise((resolve) => {
    const argv = inside(cmd.argv, cmd.user, cmd.cwd);
    const child = spawn(argv[0], argv.slice(1), { env: cmd.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const fromTest = (m) => {
      if (child.connected) child.send(m);
    };
    process.on('message', fromTest);
    child.on('message', (m) => {
      if (process.connected) process.send(m);
    });
    // The test went away: so does the program (it ends on its own channel's disconnect).
    process.on('disconnect', () => child.disconnect?.());
    child.on('error', (e) => process.stderr.write(`real-layout: ${e}\n`));
    child.on('exit', (code, signal) => {
      process.off('message', fromTest);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

function writeResults(results) {
  const fd = openSync(spec.results, 'w');
  writeFileSync(fd, JSON.stringify(results));
  closeSync(fd);
}

async function main() {
  const results = { commands: [], background: [] };
  // PID 1 ignores signals it has no handler for: stopping it must end the machine.
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => process.exit(1));
  try {
    mountAll();
    // Background programs are children of this process: it reaps them when they end (as a
    // desktop session would), so a closed program does not linger as a zombie.
    const background = [];
    for (const b of spec.background) {
      const child = spawn(inside(b.argv, b.user)[0], inside(b.argv, b.user).slice(1), { env: b.env, stdio: 'ignore' });
      child.exited = false;
      child.on('exit', () => (child.exited = true));
      await started(child, b.ready);
      background.push(child);
    }
    if (spec.app) {
      const code = await runApp(spec.app);
      results.background = background.map((c) => ({ argv: c.spawnargs.slice(2), pid: c.pid, running: !c.exited }));
      writeResults(results);
      process.exit(code);
    }
    for (const cmd of spec.commands) results.commands.push(await runOne(cmd));
    await new Promise((r) => setTimeout(r, 50));
    results.background = background.map((c) => ({ argv: c.spawnargs.slice(2), pid: c.pid, running: !c.exited }));
  } catch (e) {
    results.error = String(e && e.stack ? e.stack : e);
    // The long-lived program's test reads this process's stderr and exit code, not the results file.
    if (spec.app) {
      process.stderr.write(`real-layout: the machine could not be set up: ${results.error}\n`);
      writeResults(results);
      process.exit(125);
    }
  }
  writeResults(results);
  process.exit(0);
}

main();
