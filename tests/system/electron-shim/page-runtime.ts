/**
 * What the shim evaluates in every page of a window before the page's own scripts: an `electron`
 * module with `contextBridge` and `ipcRenderer` (over the page bindings the shim exposes), then
 * the app's built preload (CommonJS) with a `require` that gives only that module, as Electron's
 * sandboxed preload does. Not reproduced: context isolation (preload and page share one world here).
 */

/** Name of the binding ipcRenderer.invoke travels over. */
export const INVOKE_BINDING = '__atttShimInvoke';
/** Name of the binding the page reports a missing API over. */
export const MISSING_BINDING = '__atttShimMissing';
/** Name of the page function main's webContents.send calls. */
export const DELIVER = '__atttShimDeliver';

/** The init script, as source text, around the preload's own source. */
export function pageRuntime(preloadSource: string): string {
  return `(() => {
  if (window.top !== window) return;
  const invokeBinding = window[${JSON.stringify(INVOKE_BINDING)}];
  const missingBinding = window[${JSON.stringify(MISSING_BINDING)}];
  const strict = (name, target) => new Proxy(target, {
    get(t, p) {
      if (typeof p === 'symbol' || p in t) return t[p];
      const api = name + '.' + String(p);
      missingBinding(api);
      throw new Error('electron shim: ' + api + ' is not implemented in the preload');
    },
  });
  const listeners = new Map();
  const ipcRenderer = strict('ipcRenderer', {
    invoke: (channel, ...args) => invokeBinding(channel, args),
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
  const contextBridge = strict('contextBridge', {
    exposeInMainWorld(key, api) {
      Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true, writable: false, configurable: false });
    },
  });
  Object.defineProperty(window, ${JSON.stringify(DELIVER)}, {
    value: (channel, payload) => {
      const ls = listeners.get(channel);
      if (!ls || ls.size === 0) return false;
      for (const l of [...ls]) l({ sender: null }, payload);
      return true;
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
