// Whether this code runs from the bundle packed into the installers. `npm run dist` builds the
// Electron main process with `scripts/build-electron.mjs --packaged`, which defines
// __CONCORD_PACKAGED__ as true; from source, in the CLI and in `npm start`, it is not defined.
// A build-time constant, not a runtime guess: a packaged build cannot be talked out of it.
declare const __CONCORD_PACKAGED__: boolean | undefined;

export const packagedBuild: boolean = typeof __CONCORD_PACKAGED__ !== 'undefined' && __CONCORD_PACKAGED__ === true;
