#!/usr/bin/env -S npx tsx
// Builds and signs a release catalog for ATTT Self-Check (docs/catalog.md).
//   npx tsx scripts/build-catalog.ts keygen --out DIR [--name NAME]
//   npx tsx scripts/build-catalog.ts sign --in data/catalog.json --key PRIVATE.pem --out catalog-YYYY-MM-DD.signed.json
//   npx tsx scripts/build-catalog.ts verify --in FILE.signed.json --pub PUBLIC.pem
// The key pair under tests/fixtures/catalog-keys/ is a TEST key; release builds do not trust it.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCatalog } from '../src/core/catalog/catalog-schema';
import { isRefusal, signCatalog, verifySignedCatalog } from '../src/core/catalog/signed-catalog';
import { keyIdOf, trustedKeyFromPem } from '../src/core/signing/signing-keys';

function flag(args: readonly string[], name: string): string {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? args[i + 1] : undefined;
  if (!v) throw new Error(`missing --${name}`);
  return v;
}

function keygen(args: readonly string[]): void {
  const out = flag(args, 'out');
  const name = args.includes('--name') ? flag(args, 'name') : 'catalog-signing';
  mkdirSync(out, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(out, `${name}.private.pem`), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  writeFileSync(join(out, `${name}.public.pem`), publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
  process.stdout.write(`key id ${keyIdOf(publicKey)}\nprivate: ${join(out, `${name}.private.pem`)} (keep offline, never commit)\npublic:  ${join(out, `${name}.public.pem`)}\n`);
}

function sign(args: readonly string[]): void {
  const text = readFileSync(flag(args, 'in'), 'utf8');
  const parsed = parseCatalog(JSON.parse(text));
  if (!parsed.ok) throw new Error(`the catalog is not valid:\n  ${parsed.issues.join('\n  ')}`);
  const signed = signCatalog(text, readFileSync(flag(args, 'key'), 'utf8'));
  writeFileSync(flag(args, 'out'), `${JSON.stringify(signed, null, 2)}\n`);
  process.stdout.write(`signed catalog of ${parsed.catalog.asOf} with key ${signed.keyId} -> ${flag(args, 'out')}\n`);
}

function verifyCmd(args: readonly string[]): void {
  const file = flag(args, 'in');
  const key = trustedKeyFromPem(readFileSync(flag(args, 'pub'), 'utf8'), 'given key', false);
  const r = verifySignedCatalog(readFileSync(file, 'utf8'), [key], file);
  if (isRefusal(r)) throw new Error(`refused (${r.kind}): ${JSON.stringify(r.reason.params)}`);
  process.stdout.write(`good signature by ${key.id}; catalog as of ${r.catalog.asOf}\n`);
}

const [cmd, ...rest] = process.argv.slice(2);
try {
  if (cmd === 'keygen') keygen(rest);
  else if (cmd === 'sign') sign(rest);
  else if (cmd === 'verify') verifyCmd(rest);
  else throw new Error('usage: build-catalog.ts keygen|sign|verify (see docs/catalog.md)');
} catch (e) {
  process.stderr.write(`build-catalog: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
