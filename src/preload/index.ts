/** The preload (sandboxed, CommonJS): exposes the named verbs of the contract as `window.api`, nothing else. */
import { contextBridge } from 'electron';
import { createApi } from './api';

contextBridge.exposeInMainWorld('api', createApi());
