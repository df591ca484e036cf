/** Strict objects: touching a property the shim does not implement throws, and the test hears of it. */
import { record } from './control';

/** Wraps `target` so that reading any string property it lacks throws (and is reported as `shim:missing`). */
export function strict<T extends object>(name: string, target: T, allowedMissing: readonly string[] = []): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'symbol' || prop in t || allowedMissing.includes(prop)) return Reflect.get(t, prop, receiver) as unknown;
      const api = `${name}.${prop}`;
      record({ type: 'shim:missing', api });
      throw new Error(`electron shim: ${api} is not implemented (tests/system/electron-shim implements only what the app uses)`);
    },
  });
}
