// A quiz's answers in localStorage: one versioned key per module, parsed and checked on read,
// merged with another tab's answers on write (issue 14), replaced when unreadable.
import { readItem, removeItem, writeItem } from "./storage.js";

import { QUIZ_STORAGE_PREFIX, QUIZ_STORE_VERSION } from "../constants.js";

export const STORE_VERSION = QUIZ_STORE_VERSION;
export const storeKey = (moduleId) => QUIZ_STORAGE_PREFIX + moduleId;

/** A fresh, empty progress for one layout (mode, count and seed of the link). */
export function newProgress(layoutKey) {
  return { version: STORE_VERSION, layoutKey, responses: {}, checked: [], hints: {}, started: Date.now(), submitted: false };
}

/** Saved progress parsed and checked; throws on anything else. */
export function parseProgress(raw) {
  const data = JSON.parse(raw);
  if (data?.version !== STORE_VERSION || typeof data.responses !== "object" || data.responses === null) {
    throw new Error("unexpected shape");
  }
  return data;
}

/** The saved progress ({ saved }), or { cleared: true } when it could not be read (then it is removed). */
export function loadProgress(moduleId) {
  const { value: raw, problem } = readItem(storeKey(moduleId));
  if (problem || raw === null) return { saved: null };        // storage blocked: the storage notice says so
  try {
    return { saved: parseProgress(raw) };
  } catch {
    removeItem(storeKey(moduleId));
    return { saved: null, cleared: true };
  }
}

export function forgetProgress(moduleId) {
  removeItem(storeKey(moduleId));
}

/** Two tabs of one quiz share one stored value: write this tab's answers to `qids` (all of its
 *  progress when null) on top of what is stored now, so another tab's answers to other
 *  questions are kept. A stored value of another assignment link is replaced. */
export function mergeProgress(stored, mine, qids) {
  if (!stored || stored.layoutKey !== mine.layoutKey || !qids) return mine;
  const out = { ...stored, responses: { ...stored.responses }, hints: { ...stored.hints }, checked: [...(stored.checked ?? [])] };
  for (const qid of qids) {
    if (qid in mine.responses) out.responses[qid] = mine.responses[qid];
    if (mine.hints[qid]) out.hints[qid] = Math.max(mine.hints[qid], out.hints[qid] ?? 0);
    if (mine.checked.includes(qid) && !out.checked.includes(qid)) out.checked.push(qid);
  }
  out.submitted = Boolean(stored.submitted || mine.submitted);
  out.started = Math.min(stored.started ?? mine.started, mine.started);
  return out;
}

/** Read, merge, write; null when saved, else the storage problem. */
export function saveProgress(moduleId, progress, qids) {
  const key = storeKey(moduleId);
  let stored = null;
  try { stored = parseProgress(readItem(key).value); } catch { /* none, or unreadable: replaced */ }
  return writeItem(key, JSON.stringify(mergeProgress(stored, progress, qids)));
}

/** Questions whose answer, or checked state, another tab stored differently from this tab's. */
export function questionsChangedElsewhere(mine, other) {
  const changed = Object.keys(other.responses)
    .filter((qid) => JSON.stringify(other.responses[qid]) !== JSON.stringify(mine.responses[qid]));
  const checked = (other.checked ?? []).filter((qid) => !mine.checked.includes(qid) && !changed.includes(qid));
  return [...changed, ...checked];
}
