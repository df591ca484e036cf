/**
 * What the shim evaluates in every top-level page of a window before the page's own scripts, in two
 * JavaScript worlds as Electron's context isolation has them:
 * - the preload's ISOLATED world (CDP `Page.addScriptToEvaluateOnNewDocument` with a `worldName`): an
 *   `electron` module with `contextBridge` and `ipcRenderer` (over CDP bindings that exist in that world
 *   only), then the app's built preload (CommonJS) with a `require` that gives only that module, as
 *   Electron's sandboxed preload does;
 * - the page's MAIN world: the other end of `contextBridge.exposeInMainWorld`, which makes the exposed
 *   API there as copies: data is copied (JSON), functions become stubs that call across. The two ends
 *   talk by DOM events whose detail is a string, so no object of one world is ever seen by the other:
 *   the page cannot reach `ipcRenderer`, the bindings or anything of the preload but what it exposed.
 */

/** Name of the preload's isolated world. */
export const PRELOAD_WORLD = 'electron-shim-preload';
/** Name of the binding ipcRenderer.invoke travels over (in the preload's world only). */
export const INVOKE_BINDING = '__atttShimInvoke';
/** Name of the binding the preload reports a missing API over (in the preload's world only). */
export const MISSING_BINDING = '__atttShimMissing';
/** Name of the preload-world function the shim settles an invoke with. */
export const SETTLE = '__atttShimSettle';
/** Name of the preload-world function main's webContents.send calls. */
export const DELIVER = '__atttShimDeliver';
/** Name of the preload-world raw invoke (any channel, any payload): what a compromised renderer could reach, for the hostile tests. */
export const RAW_INVOKE = '__atttShimInvokeRaw';
/** The DOM events the two worlds talk by. */
const TO_MAIN = 'attt-shim:to-main';
const TO_PRELOAD = 'attt-shim:to-preload';

/**
 * How a value crosses between the worlds, as text: `{v}` data, `{f}` a function of the sending side
 * (by its number), `{p}` a promise settled later, `{a}` an array, `{o}` an object. Shared by both ends.
 */
const CODEC = `
  const fns = new Map();
  let fnSeq = 0;
  let promiseSeq = 0;
  const describe = (v, send) => {
    if (typeof v === 'function') { const id = ++fnSeq; fns.set(id, v); return { f: id }; }
    if (v !== null && typeof v === 'object' && typeof v.then === 'function') {
      const id = ++promiseSeq;
      v.then((x) => send({ t: 'settle', id, ok: true, v: describe(x, send) }), (e) => send({ t: 'settle', id, ok: false, v: String((e && e.message) || e) }));
      return { p: id };
    }
    if (isArr(v)) return { a: v.map((x) => describe(x, send)) };
    if (v !== null && typeof v === 'object') { const o = {}; for (const k of keysOf(v)) o[k] = describe(v[k], send); return { o }; }
    return { v };
  };
`;

/** The preload's world: the electron module, the bridge's preload end, then the preload's own source. */
export function preloadRuntime(preloadSource: string): string {
  return `(() => {
  if (window.top !== window) return;
  const invokeBinding = globalThis[${JSON.stringify(INVOKE_BINDING)}];
  const missingBinding = globalThis[${JSON.stringify(MISSING_BINDING)}];
  const keysOf = Object.keys;
  const isArr = Array.isArray;
  ${CODEC}
  const strict = (name, target) => new Proxy(target, {
    get(t, p) {
      if (typeof p === 'symbol' || p in t) return t[p];
      const api = name + '.' + String(p);
      missingBinding(api);
      throw new Error('electron shim: ' + api + ' is not implemented in the preload');
    },
  });
  const pending = new Map();
  let invokeSeq = 0;
  const invokeRaw = (channel, args) => new Promise((resolve, reject) => {
    const id = ++invokeSeq;
    pending.set(id, { resolve, reject });
    invokeBinding(JSON.stringify({ id, channel, args }));
  });
  Object.defineProperty(globalThis, ${JSON.stringify(SETTLE)}, {
    value: (id, ok, value) => {
      const p = pending.get(id);
      pending.delete(id);
      if (p) ok ? p.resolve(value) : p.reject(new Error(value));
    },
  });
  Object.defineProperty(globalThis, ${JSON.stringify(RAW_INVOKE)}, { value: invokeRaw });
  const listeners = new Map();
  const ipcRenderer = strict('ipcRenderer', {
    invoke: (channel, ...args) => invokeRaw(channel, args),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  });
  Object.defineProperty(globalThis, ${JSON.stringify(DELIVER)}, {
    value: (channel, payload) => {
      const ls = listeners.get(channel);
      if (!ls || ls.size === 0) return false;
      for (const l of [...ls]) l({ sender: null }, payload);
      return true;
    },
  });
  // The bridge's preload end: what the page calls arrives here by number, answered at once (a promise later).
  const toMain = (m) => document.dispatchEvent(new CustomEvent(${JSON.stringify(TO_MAIN)}, { detail: JSON.stringify(m) }));
  const mainFn = (id) => (...args) => toMain({ t: 'callback', id, args: args.map((x) => describe(x, toMain)) });
  const materialize = (d) => (d.f !== undefined ? mainFn(d.f) : d.a ? d.a.map(materialize) : d.o ? Object.fromEntries(Object.entries(d.o).map(([k, x]) => [k, materialize(x)])) : d.v);
  const exposed = new Map();
  document.addEventListener(${JSON.stringify(TO_PRELOAD)}, (e) => {
    if (typeof e.detail !== 'string') return;
    let m;
    try { m = JSON.parse(e.detail); } catch { return; }
    if (m.t === 'hello') {
      for (const [key, shape] of exposed) toMain({ t: 'expose', key, shape });
    } else if (m.t === 'call') {
      const fn = fns.get(m.fn);
      let reply;
      try {
        if (!fn) throw new Error('no such function across the bridge');
        reply = { t: 'return', id: m.id, ok: true, v: describe(fn(...(Array.isArray(m.args) ? m.args : []).map(materialize)), toMain) };
      } catch (err) {
        reply = { t: 'return', id: m.id, ok: false, v: String((err && err.message) || err) };
      }
      toMain(reply);
    }
  });
  const contextBridge = strict('contextBridge', {
    exposeInMainWorld(key, api) {
      const shape = describe(api, toMain);
      exposed.set(key, shape);
      toMain({ t: 'expose', key, shape });
    },
  });
  const electron = strict('electron', { ipcRenderer, contextBridge });
  const require = (name) => {
    if (name === 'electron') return electron;
    throw new Error('a sandboxed preload can require only electron, not ' + name);
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}

/** The page's world: the bridge's main end (copies of what the preload exposed). Runs before the page's scripts, so it keeps its own JSON and events. */
export function mainWorldBridge(): string {
  return `(() => {
  if (window.top !== window) return;
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const CustomEvent_ = CustomEvent;
  const Promise_ = Promise;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const fromEntries = Object.fromEntries;
  const entries = Object.entries;
  const keysOf = Object.keys;
  const isArr = Array.isArray;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const doc = document;
  ${CODEC}
  const toPreload = (m) => dispatch.call(doc, new CustomEvent_(${JSON.stringify(TO_PRELOAD)}, { detail: stringify(m) }));
  const promises = new Map();
  let answer = null;
  let callSeq = 0;
  const call = (fn, args) => {
    const id = ++callSeq;
    answer = null;
    toPreload({ t: 'call', id, fn, args: args.map((x) => describe(x, toPreload)) });
    const r = answer;
    answer = null;
    if (!r || r.id !== id) throw new Error('electron shim: the preload did not answer');
    if (!r.ok) throw new Error(r.v);
    return materialize(r.v);
  };
  const materialize = (d) => {
    if (d.f !== undefined) return function (...args) { return call(d.f, args); };
    if (d.p !== undefined) return new Promise_((resolve, reject) => promises.set(d.p, { resolve, reject }));
    if (d.a) return d.a.map(materialize);
    if (d.o) return fromEntries(entries(d.o).map(([k, x]) => [k, materialize(x)]));
    return d.v;
  };
  listen.call(doc, ${JSON.stringify(TO_MAIN)}, (e) => {
    if (typeof e.detail !== 'string') return;
    let m;
    try { m = parse(e.detail); } catch { return; }
    if (m.t === 'expose') {
      if (!(m.key in window)) defineProperty(window, m.key, { value: freeze(materialize(m.shape)), enumerable: true, writable: false, configurable: false });
    } else if (m.t === 'return') {
      answer = m;
    } else if (m.t === 'settle') {
      const p = promises.get(m.id);
      promises.delete(m.id);
      if (p) m.ok ? p.resolve(materialize(m.v)) : p.reject(new Error(m.v));
    } else if (m.t === 'callback') {
      const f = fns.get(m.id);
      if (f) f(...m.args.map(materialize));
    }
  });
  toPreload({ t: 'hello' });
})();`;
}
