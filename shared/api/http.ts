// How the renderer's HTTP transport and the local HTTP bridge (core/server/httpBridge.ts) agree on
// a session: the secret `signIn` answered with, sent on every call in this header.
export const SESSION_HEADER = 'X-Concord-Session';
