// Lesson pages: marks a lesson seen on arrival and read when the reader reaches its end
// (the marker the build puts there, scripts/progress_pages.py) or presses "Mark as read".
// Home page: shows the "Continue" link once there is something to continue. No Python needed.
import { lessonRead, lessonSeen, readRaw } from "./progress-store.js";

const ROOT = new URL("../", import.meta.url);
let observer = null;

function lessonEnd(marker) {
  const slug = marker.dataset.lesson;
  const status = marker.querySelector(".aw-lesson-end-status");
  const button = marker.querySelector(".aw-mark-read");
  const showRead = (value) => {
    const read = value?.lessons?.[slug]?.read;
    if (!read) return false;
    status.textContent = `✓ Read on ${new Date(read).toLocaleDateString()}.`;
    button.hidden = true;
    return true;
  };
  marker.hidden = false;
  if (showRead(lessonSeen(slug))) return;
  const markRead = () => { observer?.disconnect(); showRead(lessonRead(slug)); };
  button.addEventListener("click", markRead);
  observer?.disconnect();
  if (typeof IntersectionObserver !== "function") return;     // then the button is the way
  observer = new IntersectionObserver((entries) => { if (entries.some((e) => e.isIntersecting)) markRead(); });
  observer.observe(marker);
}

/** The same rule as widgets/progress/summary.py `continue_target` (a browser test checks both agree). */
export function continueTarget(course, value) {
  const lessons = value?.lessons ?? {}, quizzes = value?.quizzes ?? {}, review = value?.review ?? {};
  if (!Object.keys(lessons).length && !Object.keys(quizzes).length && !Object.keys(review).length) return null;
  const started = course.lessons.filter((l) => lessons[l.slug]?.seen != null && lessons[l.slug]?.read == null);
  if (started.length) {
    const latest = started.reduce((a, b) => (lessons[b.slug].seen > lessons[a.slug].seen ? b : a));
    return { url: latest.url, text: `Continue reading: ${latest.title}` };
  }
  const unread = course.lessons.find((l) => lessons[l.slug]?.read == null);
  if (unread) return { url: unread.url, text: `Next lesson: ${unread.title}` };
  const untaken = course.modules.find((m) => !quizzes[m.id]);
  if (untaken) return { url: untaken.url, text: `Next quiz: ${untaken.title}` };
  return { url: "review/", text: "Review what you have learned" };
}

function homeContinue(box) {
  const course = JSON.parse(box.querySelector(".aw-course-data").dataset.json);
  let value;
  try { value = readRaw(); } catch { return; }
  const target = continueTarget(course, value);
  if (!target) return;
  const link = box.querySelector(".aw-continue-link");
  link.href = new URL(target.url, ROOT).href;
  link.textContent = target.text;
  box.hidden = false;
}

function onPage() {
  observer?.disconnect();
  const marker = document.querySelector(".aw-lesson-end[data-lesson]");
  if (marker) lessonEnd(marker);
  const home = document.querySelector(".aw-continue-home");
  if (home) homeContinue(home);
}

if (globalThis.document$?.subscribe) globalThis.document$.subscribe(onPage);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", onPage);
else onPage();
