"""Canvas QTI 1.2: ``module_to_qti_zip`` (``<id>.qti.zip``), the package Canvas imports
(Settings > Import course content > QTI .zip file).

The zip holds ``imsmanifest.xml`` and, in a folder named after the assessment ident,
``<ident>.xml`` (``questestinterop`` with one ``item`` per question) and ``assessment_meta.xml``
(Canvas's quiz settings); the manifest lists both. Bytes are deterministic: fixed entry order,
fixed timestamps (1980-01-01) and permissions, so rebuilding gives the same file.

Question types (``question_type`` in each item's metadata):

- single -> ``multiple_choice_question``; multiple -> ``multiple_answers_question`` (Canvas
  gives partial credit itself: each right option earns points/k and each wrong one chosen takes
  points/k off, floored at 0, the course's rule); true/false -> ``true_false_question``;
- matching -> ``matching_question`` (one ``response_lid`` per left text, all right texts and
  distractors as choices; each pair earns an equal share, as in the course);
- ordering -> ``matching_question``: Canvas (classic quizzes) has no ordering type, so each item
  is matched with "Position 1..n" (see ``convert``);
- short answer -> ``short_answer_question`` (Canvas compares ignoring case and surrounding spaces).

Per-option feedback is ``itemfeedback`` ``<ident>_fb`` shown when that option is chosen; the
explanation is ``general_fb``; short-answer feedback for wrong answers is ``general_incorrect_fb``.
Hints are not exported (QTI 1.2 as Canvas reads it has none). Matching left texts are plain text.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from widgets.quiz.model import (
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Question,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    matching_choices,
    plain_text,
)

from .convert import Note, fit_ordering_as_matching, hint_note

FMT = "Canvas QTI"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CANVAS_TYPE = {
    SingleChoice: "multiple_choice_question",
    MultipleChoice: "multiple_answers_question",
    TrueFalse: "true_false_question",
    Matching: "matching_question",
    ShortAnswer: "short_answer_question",
}


def ident(*parts: str) -> str:
    """A stable identifier (Canvas style: ``g`` + 32 hex digits) from names."""
    return "g" + hashlib.sha256("\0".join(("alliance",) + parts).encode()).hexdigest()[:32]


def assessment_ident(module: Module) -> str:
    return ident("assessment", module.id)


def _mattext(html: str, indent: str, texttype: str = "text/html") -> str:
    return (
        f'{indent}<material>\n{indent}  <mattext texttype="{texttype}">{escape(html.strip())}</mattext>\n'
        f"{indent}</material>"
    )


def _metadata(q: Question) -> str:
    fields = [
        ("question_type", CANVAS_TYPE[type(q)]),
        ("points_possible", "1.0"),
        ("original_answer_ids", ""),
        ("assessment_question_identifierref", ident("question-ref", q.id)),
    ]
    rows = "\n".join(
        f"            <qtimetadatafield>\n              <fieldlabel>{k}</fieldlabel>\n"
        f"              <fieldentry>{escape(v)}</fieldentry>\n            </qtimetadatafield>"
        for k, v in fields
    )
    return f"        <itemmetadata>\n          <qtimetadata>\n{rows}\n          </qtimetadata>\n        </itemmetadata>"


def _label(label_ident: str, html: str, texttype: str = "text/html") -> str:
    return (
        f'              <response_label ident="{label_ident}">\n'
        f"{_mattext(html, '                ', texttype)}\n              </response_label>"
    )


def _condition(
    conditions: str, *, score: str | None = None, action: str = "Set", feedback: str | None = None, cont: str = "Yes"
) -> str:
    out = [
        f'          <respcondition continue="{cont}">',
        "            <conditionvar>",
        conditions,
        "            </conditionvar>",
    ]
    if score is not None:
        out.append(f'            <setvar action="{action}" varname="SCORE">{score}</setvar>')
    if feedback is not None:
        out.append(f'            <displayfeedback feedbacktype="Response" linkrefid="{feedback}"/>')
    out.append("          </respcondition>")
    return "\n".join(out)


def _varequal(respident: str, value: str) -> str:
    return f'              <varequal respident="{respident}">{escape(value)}</varequal>'


def _feedback_block(fb_ident: str, html: str) -> str:
    return (
        f'        <itemfeedback ident="{fb_ident}">\n          <flow_mat>\n'
        f"{_mattext(html, '            ')}\n          </flow_mat>\n        </itemfeedback>"
    )


class _Item:
    """Builds the presentation, response processing and feedback of one item."""

    def __init__(self, q: Question) -> None:
        self.q = q
        self.base = ident("item", q.id)
        self.presentation: list[str] = []
        self.conditions: list[str] = []
        self.feedback: list[str] = []

    def label(self, n: int) -> str:
        return f"{self.base}_{n}"

    def fb(self, fb_ident: str, html: str) -> str | None:
        if not html.strip():
            return None
        self.feedback.append(_feedback_block(fb_ident, html))
        return fb_ident

    def choices(self, labels: list[tuple[str, str, bool, str]], cardinality: str, *, shuffle: bool = True) -> None:
        """(ident, html, correct, feedback html) per option; ``shuffle=False`` keeps their order."""
        rendered = "\n".join(_label(i, html) for i, html, _, _ in labels)
        keep_order = "" if shuffle else ' shuffle="No"'
        self.presentation.append(
            f'          <response_lid ident="response1" rcardinality="{cardinality}">\n'
            f"            <render_choice{keep_order}>\n{rendered}\n            </render_choice>\n          </response_lid>"
        )
        for i, _, _, fb in labels:
            ref = self.fb(f"{i}_fb", fb)
            if ref:
                self.conditions.append(_condition(_varequal("response1", i), feedback=ref))
        right = [i for i, _, correct, _ in labels if correct]
        if cardinality == "Single":
            self.conditions.append(_condition(_varequal("response1", right[0]), score="100", cont="No"))
        else:
            terms = [
                _varequal("response1", i)
                if correct
                else f"              <not>\n  {_varequal('response1', i)}\n              </not>"
                for i, _, correct, _ in labels
            ]
            self.conditions.append(
                _condition(
                    "              <and>\n" + "\n".join(f"  {t}" for t in terms) + "\n              </and>",
                    score="100",
                    cont="No",
                )
            )

    def xml(self) -> str:
        q = self.q
        general = self.fb("general_fb", q.explanation_html)
        first = [_condition("              <other/>", feedback=general)] if general else []
        return "\n".join(
            [
                f"      <item ident={quoteattr(self.base)} title={quoteattr(q.id)}>",
                _metadata(q),
                "        <presentation>",
                _mattext(q.text_html, "          "),
                *self.presentation,
                "        </presentation>",
                "        <resprocessing>",
                "          <outcomes>",
                '            <decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/>',
                "          </outcomes>",
                *first,
                *self.conditions,
                "        </resprocessing>",
                *self.feedback,
                "      </item>",
            ]
        )


def _item(q: Question) -> str:
    item = _Item(q)
    if isinstance(q, (SingleChoice, MultipleChoice)):
        labels = [(item.label(n), o.text_html, o.correct, o.feedback_html) for n, o in enumerate(q.options)]
        item.choices(labels, "Single" if isinstance(q, SingleChoice) else "Multiple", shuffle=q.shuffle)
    elif isinstance(q, TrueFalse):
        item.choices(
            [
                (item.label(0), "True", q.answer, q.feedback_true_html),
                (item.label(1), "False", not q.answer, q.feedback_false_html),
            ],
            "Single",
        )
    elif isinstance(q, Matching):
        choices = matching_choices(q)
        share = f"{100 / len(q.pairs):.4f}".rstrip("0").rstrip(".")
        labels = "\n".join(_label(item.label(100 + c), text, "text/plain") for c, text in enumerate(choices))
        for n, pair in enumerate(q.pairs):
            resp = f"response_{item.label(n)}"
            item.presentation.append(
                f'          <response_lid ident="{resp}">\n'
                f"{_mattext(plain_text(pair.left_html), '            ', 'text/plain')}\n"
                f"            <render_choice>\n{labels}\n            </render_choice>\n          </response_lid>"
            )
            right = item.label(100 + choices.index(pair.right))
            item.conditions.append(_condition(_varequal(resp, right), score=share, action="Add"))
    elif isinstance(q, ShortAnswer):
        item.presentation.append(
            '          <response_str ident="response1" rcardinality="Single">\n            <render_fib>\n'
            '              <response_label ident="answer1" rshuffle="No"/>\n            </render_fib>\n'
            "          </response_str>"
        )
        # any accepted answer: an explicit <or> (several conditions side by side would be read as "and")
        answers = "\n".join(f"  {_varequal('response1', a)}" for a in q.accept)
        item.conditions.append(
            _condition(f"              <or>\n{answers}\n              </or>", score="100", cont="No")
        )
        wrong = item.fb("general_incorrect_fb", q.feedback_wrong_html)
        if wrong:
            item.conditions.append(_condition("              <other/>", feedback=wrong))
    return item.xml()


def fit_question(q: Question) -> tuple[Question | None, list[Note]]:
    if isinstance(q, Ordering):
        return fit_ordering_as_matching(q, FMT, min_pairs=2)
    return q, []


def _render(module: Module) -> tuple[list[str], list[Note]]:
    items, notes = [], hint_note(module.questions, FMT)
    for q in module.questions:
        fitted, q_notes = fit_question(q)
        notes += q_notes
        if fitted is not None:
            items.append(_item(fitted))
    return items, notes


def module_notes(module: Module) -> list[Note]:
    return _render(module)[1]


def assessment_xml(module: Module) -> str:
    items, notes = _render(module)
    aid = assessment_ident(module)
    header = [
        f"Quiz module {module.id}: {' '.join(module.title.split())}",
        f"Generated from quizzes/{module.id}.yml by 'python -m scripts.exports'; edit that, not this.",
        "Conversions and skipped items:" if notes else "Conversions and skipped items: none.",
        *(f"- {n.line()}" for n in notes),
    ]
    comment = "<!--\n" + "\n".join(f"  {line.replace('--', '- -')}".rstrip() for line in header) + "\n-->"
    return (
        "\n".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>',
                comment,
                f'<questestinterop xmlns="{QTI_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                f'xsi:schemaLocation="{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">',
                f"  <assessment ident={quoteattr(aid)} title={quoteattr(module.title)}>",
                "    <qtimetadata>\n      <qtimetadatafield>\n        <fieldlabel>cc_maxattempts</fieldlabel>\n"
                "        <fieldentry>1</fieldentry>\n      </qtimetadatafield>\n    </qtimetadata>",
                '    <section ident="root_section">',
                *items,
                "    </section>",
                "  </assessment>",
                "</questestinterop>",
            ]
        )
        + "\n"
    )


def assessment_meta_xml(module: Module, points: int) -> str:
    aid = assessment_ident(module)
    title = escape(module.title)
    description = escape(f"Quiz module “{module.title}” from the Therapeutic Alliance course.")
    return (
        "\n".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>',
                f'<quiz identifier="{aid}" xmlns="http://canvas.instructure.com/xsd/cccv1p0" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://canvas.instructure.com/xsd/'
                'cccv1p0 https://canvas.instructure.com/xsd/cccv1p0.xsd">',
                f"  <title>{title}</title>",
                f"  <description>{description}</description>",
                "  <shuffle_answers>true</shuffle_answers>",
                "  <scoring_policy>keep_highest</scoring_policy>",
                "  <quiz_type>assignment</quiz_type>",
                f"  <points_possible>{points:.1f}</points_possible>",
                "  <show_correct_answers>true</show_correct_answers>",
                "  <allowed_attempts>1</allowed_attempts>",
                "  <one_question_at_a_time>false</one_question_at_a_time>",
                "  <cant_go_back>false</cant_go_back>",
                "  <available>false</available>",
                f'  <assignment identifier="{ident("assignment", module.id)}">',
                f"    <title>{title}</title>",
                "    <workflow_state>unpublished</workflow_state>",
                f"    <quiz_identifierref>{aid}</quiz_identifierref>",
                f"    <points_possible>{points:.1f}</points_possible>",
                "    <grading_type>points</grading_type>",
                "    <submission_types>online_quiz</submission_types>",
                "  </assignment>",
                f"  <assignment_group_identifierref>{ident('assignment-group', module.id)}</assignment_group_identifierref>",
                "</quiz>",
            ]
        )
        + "\n"
    )


def manifest_xml(module: Module) -> str:
    aid = assessment_ident(module)
    dep = ident("dependency", module.id)
    return (
        "\n".join(
            [
                '<?xml version="1.0" encoding="UTF-8"?>',
                f'<manifest identifier="{ident("manifest", module.id)}" '
                'xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1" '
                'xmlns:imsmd="http://www.imsglobal.org/xsd/imsmd_v1p2">',
                "  <metadata>",
                "    <schema>IMS Content</schema>",
                "    <schemaversion>1.1.3</schemaversion>",
                "    <imsmd:lom>",
                f"      <imsmd:general><imsmd:title><imsmd:string>{escape(module.title)}</imsmd:string></imsmd:title>"
                "</imsmd:general>",
                "    </imsmd:lom>",
                "  </metadata>",
                "  <organizations/>",
                "  <resources>",
                f'    <resource identifier="{aid}" type="imsqti_xmlv1p2">',
                f'      <file href="{aid}/{aid}.xml"/>',
                f'      <dependency identifierref="{dep}"/>',
                "    </resource>",
                f'    <resource identifier="{dep}" type="associatedcontent/imscc_xmlv1p1/learning-application-resource" '
                f'href="{aid}/assessment_meta.xml">',
                f'      <file href="{aid}/assessment_meta.xml"/>',
                "    </resource>",
                "  </resources>",
                "</manifest>",
            ]
        )
        + "\n"
    )


def module_to_qti_zip(module: Module) -> bytes:
    """The Canvas import package as bytes (identical for identical input)."""
    aid = assessment_ident(module)
    items, _ = _render(module)
    files = [
        ("imsmanifest.xml", manifest_xml(module)),
        (f"{aid}/{aid}.xml", assessment_xml(module)),
        (f"{aid}/assessment_meta.xml", assessment_meta_xml(module, points=len(items))),
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
