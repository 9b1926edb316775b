// Exposes exactly the API contract to the renderer, one function per declared call, and nothing
// else: no ipcRenderer, no Node, no generic invoke.
import { contextBridge, ipcRenderer } from 'electron';
import { contract } from '../shared/api/contract';
import { channelFor } from './channels';

const api = Object.fromEntries(Object.keys(contract).map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelFor(name), input)]));
contextBridge.exposeInMainWorld('concord', Object.freeze(api));
