// What lives for the whole visit (Material's instant navigation swaps pages without reloading,
// so these modules and Python's worker live on across pages): the shared state, and a way to
// run work when the browser is idle.

/** `globalThis.__alliance`, read by the tests: python (the worker client), boots, restarts,
 *  mounts, mounted (element -> its controller's handle), log, offline, ... Shared with the early
 *  start in <head> (docs/overrides/partials/python-early-start.html), which may already have put
 *  its worker in `state.early`. */
export const state = (globalThis.__alliance = {
  python: null, boots: 0, mounts: 0, mounted: new Map(), log: [], ...globalThis.__alliance,
});

/** Run `fn` when the browser is idle (at the latest after 3 s). */
export const whenIdle = (fn) => (globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 1000)))(fn, { timeout: 3000 });
