// The self-check's saved results, page side. Python (in the worker) holds them
// (widgets/selfcheck/state.py); this module is the only self-check code that touches
// localStorage. It hands Python the stored text once, with the setup call "open" (made again
// after Python restarts, with what is stored by then), and writes what Python says to store.
import { readItem, writeItem } from "./storage.js";

import { SELFCHECK_STORAGE_KEY as STORAGE_KEY } from "../constants.js";

export { STORAGE_KEY };

/** {opened, reopen, keep, keepUnsaved, forget} for one mounted self-check; `content` is the
 *  items and result texts the build embedded in the page. */
export function savedResults(py, content) {
  // The setup call's payload: the worker client sends this same object again after a restart,
  // so it is kept up to date with what is stored (and with the result not saved yet).
  const setup = { content, stored: readItem(STORAGE_KEY).value, unsaved: null };
  return {
    /** Python's reply to "open": {count, readable, problem}. */
    opened: py.setup("selfcheck", "open", setup),
    /** Another tab changed what is stored: hand Python the new value. */
    reopen() {
      setup.stored = readItem(STORAGE_KEY).value;
      return py.call("selfcheck", "open", { stored: setup.stored });
    },
    /** Write the value Python gave ({stored, storage_key}); null when kept, else the problem. */
    keep(reply) {
      const problem = writeItem(reply.storage_key, reply.stored);
      if (!problem) setup.stored = reply.stored;
      return problem;
    },
    /** The latest complete result the reader has not saved (null: none), for a restart of Python. */
    keepUnsaved(entry) { setup.unsaved = entry ?? null; },
    forget() { setup.stored = null; setup.unsaved = null; },
  };
}
