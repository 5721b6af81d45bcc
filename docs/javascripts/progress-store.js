// The learner's path as this browser keeps it: one JSON value under one localStorage key.
// Its shape, its checks on import and every calculation on it live in Python
// (widgets/progress/store.py); this small module only reads and writes it, so that lesson pages
// and quiz pages can record progress without starting Python.

import { PROGRESS_FORMAT, PROGRESS_SCHEMA, PROGRESS_STORAGE_KEY } from "./constants.js";

export const STORAGE_KEY = PROGRESS_STORAGE_KEY;
const EMPTY = () => ({ format: PROGRESS_FORMAT, schema: PROGRESS_SCHEMA, lessons: {}, quizzes: {}, review: {} });

/** The time in milliseconds. Test hook: a number in `globalThis.ALLIANCE_NOW_MS` is used instead
 *  of the clock, so a test can move time (e.g. two days on, to see a question come back). */
export const now = () => (Number.isFinite(globalThis.ALLIANCE_NOW_MS) ? globalThis.ALLIANCE_NOW_MS : Date.now());

/** The stored value (parsed), null when nothing is stored; throws if it is not JSON. */
export function readRaw() {
  const raw = localStorage.getItem(STORAGE_KEY);
  return raw === null ? null : JSON.parse(raw);
}

export function write(value) {
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(value)); return true; } catch { return false; }
}

/** Change the stored value with `fn(value)`; an unreadable value is left alone (the My progress
 *  page says so and offers to delete it), so nothing is lost by recording. */
export function update(fn) {
  let value;
  try {
    value = readRaw() ?? EMPTY();
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  for (const part of ["lessons", "quizzes", "review", "checks"]) if (typeof value[part] !== "object" || value[part] === null) value[part] = {};
  fn(value);
  write(value);
  return value;
}

export function lessonSeen(slug) {
  return update((v) => { v.lessons[slug] = { ...v.lessons[slug], seen: now() }; });
}

export function lessonRead(slug) {
  return update((v) => { v.lessons[slug] = { seen: now(), ...v.lessons[slug], read: v.lessons[slug]?.read ?? now() }; });
}

/** A module's scored attempt (the quiz's "submit" reply): kept as last, and as best if better. */
export function recordQuizScore(moduleId, result) {
  const questions = {};
  for (const [qid, graded] of Object.entries(result.questions ?? {})) questions[qid] = graded.score;
  const last = { score: result.score, max: result.max, at: now(), questions };
  const percent = (s) => (s && s.max ? s.score / s.max : -1);
  return update((v) => {
    const best = v.quizzes[moduleId]?.best;
    v.quizzes[moduleId] = { last, best: percent(last) >= percent(best) ? { score: last.score, max: last.max, at: last.at } : best };
  });
}

/** A practice-mode "Check answer" of one question (its score, 0-1): counts towards mastery. */
export function recordCheck(questionId, score) {
  return update((v) => { v.checks[questionId] = { score, at: now() }; });
}
