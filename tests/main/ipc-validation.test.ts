import { describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => import('../helpers/fake-electron'));
import { AppError, guard } from '../../src/main/ipc-main';
import { requestSchemas } from '../../src/main/ipc-schemas';
import { INVOKE_CHANNELS, type InvokeChannel } from '../../src/shared/ipc-contract';

const own = () => true;

/** A small seeded generator, so a failing fuzz case can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * 14);
  switch (pick) {
    case 0: return undefined;
    case 1: return null;
    case 2: return r() < 0.5;
    case 3: return Math.floor(r() * 2_000_000) - 1_000_000;
    case 4: return [Number.NaN, Infinity, -Infinity, -0, 1e308, 0.5][Math.floor(r() * 6)];
    case 5: return ['', 'vi', 'en', 'hour', 'x'.repeat(5000), '__proto__', 'banned-app:0123456789abcdef', 'javascript:alert(1)', 'https://evil.example', '../../etc/passwd', '\u0000'][Math.floor(r() * 11)];
    case 6: return Symbol('s');
    case 7: return () => 1;
    case 8: return 10n;
    case 9: return new Date(0);
    case 10: return depth > 2 ? {} : Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    case 11: return JSON.parse('{"__proto__": {"polluted": true}, "limit": 5}');
    case 12: {
      if (depth > 2) return {};
      const keys = ['language', 'intervalHours', 'startAtLogin', 'notifications', 'limit', 'findingId', 'planId', 'duration', 'url', 'extra'];
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 1 + Math.floor(r() * 3); i++) o[keys[Math.floor(r() * keys.length)]!] = randomValue(r, depth + 1);
      return o;
    }
    default: {
      const o = Object.create(null) as Record<string, unknown>;
      Object.defineProperty(o, 'limit', { get: () => { throw new Error('getter trap'); }, enumerable: true });
      return o;
    }
  }
}

describe('IPC request validation', () => {
  it('has a schema for every channel of the contract', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('rejects a request from a page that is not ours, before validating it', async () => {
    const handler = vi.fn();
    const r = await guard('check:run', handler, (url) => url.startsWith('file://'))('https://evil.example/', undefined);
    expect(r).toEqual({ ok: false, error: { code: 'invalid-request', message: { key: 'ui:error.untrustedSender', params: { channel: 'check:run' } } } });
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['settings:set', { language: 'fr' }, /language/],
    ['settings:set', { intervalHours: 3 }, /intervalHours/],
    ['settings:set', { notifications: 'yes' }, /notifications/],
    ['settings:set', { theme: 'dark' }, /theme|Unrecognized/i],
    ['history:list', { limit: -1 }, /limit/],
    ['fix:plan', { findingId: '../../etc' }, /findingId/],
    ['fix:run', { findingId: 'banned-app:0123456789abcdef' }, /planId/],
    ['notifications:pause', { duration: 'forever' }, /duration/],
    ['notifications:snooze', { findingId: '../../etc/passwd' }, /findingId/],
    ['notifications:snooze', { findingId: 'banned-app:0123456789abcdef', until: 1e15 }, /Unrecognized/i],
    ['link:open', {}, /url/],
    ['check:run', { now: 1 }, /\(root\)/],
  ] as const)('%s rejects %j with a clear error', async (channel, payload, issue) => {
    const handler = vi.fn();
    const r = await guard(channel as InvokeChannel, handler, own)('file:///x', payload);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid-request');
    expect(r.error.message.key).toBe('ui:error.invalidRequest');
    expect(String(r.error.message.params?.issues)).toMatch(issue);
    expect(handler).not.toHaveBeenCalled();
  });

  it('passes a valid request to the handler and wraps its answer', async () => {
    const r = await guard('settings:set', (p) => ({ language: 'en', intervalHours: 4, startAtLogin: false, notifications: true, ...p }), own)('file:///x', { intervalHours: 8 });
    expect(r).toEqual({ ok: true, value: { language: 'en', intervalHours: 8, startAtLogin: false, notifications: true } });
  });

  it('turns a thrown AppError into its code and message, and any other error into "failed"', async () => {
    const app = await guard('fix:plan', () => { throw new AppError('not-available', { key: 'fix:cli.recordedHost' }); }, own)('file:///x', { findingId: 'banned-app:0123456789abcdef' });
    expect(app).toEqual({ ok: false, error: { code: 'not-available', message: { key: 'fix:cli.recordedHost' } } });
    const other = await guard('check:run', () => Promise.reject(new TypeError('disk gone')), own)('file:///x', undefined);
    expect(other).toEqual({ ok: false, error: { code: 'failed', message: { key: 'ui:error.failed', params: { channel: 'check:run', message: 'disk gone' } } } });
  });

  it('fuzz: 600 random payloads over every channel never throw out and always answer ok or a clear error', async () => {
    const r = rng(1981);
    for (let i = 0; i < 600; i++) {
      const channel = INVOKE_CHANNELS[i % INVOKE_CHANNELS.length]!;
      const payload = randomValue(r);
      const seen: unknown[] = [];
      const result = await guard(channel, (req) => (seen.push(req), null as never), own)('file:///x', payload);
      if (result.ok) {
        // Only what the schema accepts reaches a handler.
        expect(requestSchemas[channel].safeParse(seen[0]).success, `${channel} ${String(payload)}`).toBe(true);
      } else {
        expect(result.error.code).toBe('invalid-request');
        expect(result.error.message.key).toMatch(/^ui:error\./);
        expect(seen).toEqual([]);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
