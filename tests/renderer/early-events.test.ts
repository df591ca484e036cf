import { describe, expect, it } from 'vitest';
import { earlyEvent } from '../../src/renderer/src/early-events';

/** An event source like the preload's: listeners added and removed, a message to none is dropped. */
function source<T>() {
  const ls = new Set<(p: T) => void>();
  return {
    subscribe: (l: (p: T) => void) => {
      ls.add(l);
      return () => void ls.delete(l);
    },
    emit: (p: T) => [...ls].forEach((l) => l(p)),
  };
}

describe('earlyEvent', () => {
  it('gives the last message that came before any listener to the first listener, once', () => {
    const s = source<string>();
    const on = earlyEvent(s.subscribe);
    s.emit('findings');
    s.emit('settings');
    const got: string[] = [];
    on((p) => got.push(p));
    expect(got).toEqual(['settings']);
    const second: string[] = [];
    on((p) => second.push(p));
    expect(second).toEqual([]);
  });

  it('afterwards passes messages straight to every listener, and stops after unsubscribe', () => {
    const s = source<number>();
    const on = earlyEvent(s.subscribe);
    const a: number[] = [];
    const b: number[] = [];
    const offA = on((p) => a.push(p));
    on((p) => b.push(p));
    s.emit(1);
    offA();
    s.emit(2);
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
  });

  it('keeps nothing when there was no early message', () => {
    const s = source<number>();
    const got: number[] = [];
    earlyEvent(s.subscribe)((p) => got.push(p));
    expect(got).toEqual([]);
  });
});
