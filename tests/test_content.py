"""The course text: every lesson has its parts, every citation resolves, every reference and
glossary term is used, lessons stay readable, and no text is copied from the seed lecture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat

from scripts.glossary import read_terms

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LESSONS = [
    "what-is-the-alliance",
    "why-it-matters",
    "goals-tasks-bond",
    "what-shapes-it",
    "building-the-alliance",
    "ruptures",
    "repairing-ruptures",
    "measuring-the-alliance",
    "alliance-across-settings",
]
SEED = ROOT.parent / "shared" / "seed" / "lecture-therapeutic-alliance.txt"
CITATION = re.compile(r"\]\((?:\.\./)*references\.md#([a-z0-9-]+)\)")
ANCHOR = re.compile(r"^\{: #([a-z0-9-]+) \}$", re.M)
OBSERVABLE_VERBS = {
    "explain",
    "describe",
    "distinguish",
    "recognise",
    "recognize",
    "give",
    "apply",
    "compare",
    "interpret",
    "list",
    "identify",
    "name",
    "outline",
    "summarise",
    "summarize",
    "evaluate",
    "use",
    "tell",
    "spot",
    "judge",
    "choose",
    "suggest",
    "state",
    "define",
    "plan",
    "match",
    "read",
}


def lesson(slug: str) -> str:
    return (DOCS / "lessons" / f"{slug}.md").read_text(encoding="utf-8")


def prose(markdown: str) -> str:
    """Lesson text without markup, for word counts and reading grade."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(!!!|\?\?\?).*$", " ", text, flags=re.M)
    text = re.sub(r"[#*_>|`{}]", " ", text)
    return text


def test_the_lessons_are_in_the_navigation_order():
    nav = (ROOT / "mkdocs.yml").read_text()
    positions = [nav.index(f"lessons/{slug}.md") for slug in LESSONS]
    assert positions == sorted(positions)


def test_every_lesson_file_is_listed_and_in_the_navigation():
    on_disk = sorted(path.stem for path in (DOCS / "lessons").glob("*.md"))
    assert on_disk == sorted(LESSONS)
    nav = (ROOT / "mkdocs.yml").read_text()
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert [slug for slug in LESSONS if f"lessons/{slug}.md" not in nav] == []
    assert [slug for slug in LESSONS if f"(lessons/{slug}.md)" not in home] == []


@pytest.mark.parametrize("slug", LESSONS)
def test_each_lesson_has_its_parts(slug):
    text = lesson(slug)
    objectives = re.search(r'!!! abstract "Learning objectives"\n(.*?)\n(?=\S)', text, re.S)
    assert objectives, "no 'Learning objectives' admonition"
    items = re.findall(r"^\s+- (\w+)", objectives.group(1), re.M)
    assert 3 <= len(items) <= 5, f"{len(items)} objectives"
    assert all(verb.lower() in OBSERVABLE_VERBS for verb in items), items
    assert re.search(r'^!!! warning "Common misconception', text, re.M), "no misconception admonition"
    assert re.search(r"^!!! example ", text, re.M), "no worked vignette or example"
    assert "\n## Key takeaways\n" in text
    assert re.search(rf"\[[^\]]+\]\(\.\./quizzes/{slug}\.md\)", text), "no 'check yourself' link to its quiz"
    assert len(set(CITATION.findall(text))) >= 3, "fewer than 3 distinct citations"


@pytest.mark.parametrize("slug", LESSONS)
def test_lesson_length_and_reading_grade(slug):
    text = prose(lesson(slug))
    words = len(text.split())
    grade = textstat.flesch_kincaid_grade(text)
    print(f"{slug}: {words} words, Flesch-Kincaid grade {grade:.1f}")
    assert 900 <= words <= 2000
    assert grade <= 14


def test_every_citation_resolves_and_every_reference_is_cited():
    references = (DOCS / "references.md").read_text(encoding="utf-8")
    entries = set(ANCHOR.findall(references))
    cited: set[str] = set()
    for page in DOCS.rglob("*.md"):
        if page.name != "references.md":
            for key in CITATION.findall(page.read_text(encoding="utf-8")):
                assert key in entries, f"{page.relative_to(ROOT)} cites #{key}, which is not on the references page"
                cited.add(key)
    assert sorted(entries - cited) == [], "references that nothing cites"


def test_references_have_authors_year_title_and_source():
    references = (DOCS / "references.md").read_text(encoding="utf-8")
    for block in re.findall(r"^(.+)\n\{: #([a-z0-9-]+) \}$", references, re.M):
        entry, key = block
        assert re.search(r"\((19|20)\d\d[a-z]?\)", entry), f"{key}: no year"
        assert "*" in entry, f"{key}: no journal or book title in italics"


def test_glossary_has_thirty_terms_each_used_in_a_lesson():
    terms = read_terms(DOCS / "includes" / "abbreviations.md")
    assert len(terms) >= 30
    lessons = "\n".join(lesson(slug) for slug in LESSONS)
    unused = [t.term for t in terms if not re.search(rf"(?<!\w){re.escape(t.term)}(?!\w)", lessons)]
    assert unused == []


def eight_grams(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))
    return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}


@pytest.mark.skipif(not SEED.exists(), reason="the seed lecture lives in ../shared/seed (not in this checkout)")
def test_no_run_of_eight_words_is_copied_from_the_seed_lecture():
    seed = eight_grams(SEED.read_text(encoding="utf-8"))
    copied = {}
    for folder in ("docs", "quizzes", "widgets"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".md", ".yml", ".py", ".json"} and path.is_file():
                shared = eight_grams(path.read_text(encoding="utf-8")) & seed
                if shared:
                    copied[str(path.relative_to(ROOT))] = [" ".join(g) for g in sorted(shared)[:3]]
    assert copied == {}


def test_the_overlap_check_would_catch_a_copied_sentence():
    seed = eight_grams("It is the glue that holds the therapeutic process together, as they say.")
    assert eight_grams("Some say it is the glue that holds the therapeutic process together!") & seed
