// A quiz link's parameters (?mode=exam&n=10&seed=abc), read strictly: every value that is
// ignored or corrected is named in a notice for the reader, so a mistyped assignment link never
// silently gives a different quiz. Pure: no DOM, no storage.

/** The longest seed a link may carry. A results code holds the seed as UTF-8 text of at most
 *  200 bytes (widgets/quiz/codes.py, MAX_TEXT_BYTES); 50 characters of up to 4 bytes each always
 *  fit, so an exam started from an accepted link can always be handed in as a code. */
import { MAX_SEED_CHARS } from "../constants.js";

export { MAX_SEED_CHARS };

const MODES = ["practice", "exam"];

/** A value as the notice shows it: short, and visibly quoted. */
function shown(value) {
  const text = [...value].length > 24 ? `${[...value].slice(0, 24).join("")}…` : value;
  return `“${text}”`;
}

/**
 * {mode, n, seed, notices} from a query string, for a module of `questionCount` questions.
 * `n` is null (all questions) or a whole number from 1 to questionCount; `seed` is null or text
 * of 1 to MAX_SEED_CHARS characters; `notices` is a list of sentences, one per ignored or corrected
 * parameter. Parameters that are not the quiz's own (such as embed=1) are left alone.
 */
export function readQuizLink(search, questionCount) {
  const params = new URLSearchParams(search);
  const notices = [];
  for (const name of ["mode", "n", "seed"]) {
    const all = params.getAll(name);
    if (all.length > 1) notices.push(`The link gives ${name} ${all.length} times; only the first (${name}=${shown(all[0])}) is used.`);
  }
  return { mode: readMode(params.get("mode"), notices), n: readCount(params.get("n"), questionCount, notices),
           seed: readSeed(params.get("seed"), notices), notices };
}

function readMode(raw, notices) {
  if (raw === null || MODES.includes(raw)) return raw ?? "practice";
  const near = raw.trim().toLowerCase();
  if (MODES.includes(near)) {
    notices.push(`The link's mode=${shown(raw)} was read as mode=${near}.`);
    return near;
  }
  notices.push(`The link's mode=${shown(raw)} was ignored: it can only be “exam” or “practice”. This is practice mode.`);
  return "practice";
}

function readCount(raw, questionCount, notices) {
  if (raw === null) return null;
  if (!/^[1-9][0-9]*$/.test(raw)) {
    notices.push(`The link's n=${shown(raw)} was ignored: it should be a whole number of questions from 1 to ${questionCount}. All ${questionCount} questions are used.`);
    return null;
  }
  const n = Number(raw);
  if (n > questionCount) {
    notices.push(`The link asks for ${raw.length > 12 ? "more" : n} questions (n=${shown(raw)}), but this quiz has ${questionCount}: all ${questionCount} are used.`);
    return questionCount;
  }
  return n;
}

function readSeed(raw, notices) {
  if (raw === null) return null;
  if (raw === "") {
    notices.push("The link's seed is empty, so it was ignored: the questions are in their usual order.");
    return null;
  }
  const length = [...raw].length;
  if (length > MAX_SEED_CHARS) {
    notices.push(`The link's seed is too long (${length.toLocaleString("en")} characters; at most ${MAX_SEED_CHARS}), so it was not used: `
      + "the questions are in their usual order. Ask whoever gave you this link for a new one.");
    return null;
  }
  return raw;
}
