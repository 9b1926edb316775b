/** The IPC channel of an API call: one per contract entry, shared by main and preload. */
export const channelFor = (name: string) => `concord:${name}`;
