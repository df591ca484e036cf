/**
 * The app's clock, injected: with ATTT_SHIM_CLOCK (epoch milliseconds) set, the app process starts at
 * that time and its Date and timers are @sinonjs/fake-timers', installed before the app's bundle loads.
 * The fake clock moves on with real time (shouldAdvanceTime), so the shim's own I/O (playwright, the
 * control channel) runs as before. The test moves it two ways: `clock:tick` (time passes: every timer due
 * meanwhile fires, in order: a snooze's end, the scheduler's checks) and `clock:jump` (the PC slept:
 * the date moves on and the timers do not, as Node's monotonic timers on a suspended Linux PC; the test
 * then emits `resume`). performance.now and Node's internal timers (sockets) stay real.
 */
import FakeTimers from '@sinonjs/fake-timers';
import { SHIM_ENV } from './protocol';

let clock: ReturnType<typeof FakeTimers.install> | null = null;

/** Installs the fake clock when the test asked for one (ATTT_SHIM_CLOCK); `timers`: also setTimeout/setInterval (the app process), else Date only (a check process). */
export function installClock(timers: boolean): void {
  const at = process.env[SHIM_ENV.clock];
  if (!at) return;
  const now = Number(at);
  if (!Number.isFinite(now)) throw new Error(`electron shim: ${SHIM_ENV.clock}=${at} is not epoch milliseconds`);
  clock = FakeTimers.install({
    now,
    toFake: timers ? ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] : ['Date'],
    shouldAdvanceTime: true,
    advanceTimeDelta: 20,
  });
}

/** Jumps the clock forward, firing the timers due meanwhile (the test's `clock:tick`). */
export async function tick(ms: number): Promise<void> {
  if (!clock) throw new Error(`electron shim: no injected clock (start the app with ${SHIM_ENV.clock})`);
  await clock.tickAsync(ms);
}

/** Moves the date forward without firing timers (the PC slept; the test's `clock:jump`). */
export function jump(ms: number): void {
  if (!clock) throw new Error(`electron shim: no injected clock (start the app with ${SHIM_ENV.clock})`);
  clock.setSystemTime(Date.now() + ms);
}

/** The clock's time for a child process (a check process starts where the app's clock is). */
export function clockEnv(): Record<string, string> {
  return clock ? { [SHIM_ENV.clock]: String(Date.now()) } : {};
}
