"""The saved self-check results of this page, held in one place: the worker's Python.

The page reads ``localStorage`` once when the self-check opens (and again when another tab
changes it) and hands the text to ``open``; from then on every action works on this state,
and the actions that change it give back the new text for the page to store. The page is
the only code that touches ``localStorage``; nothing here does.

``entries`` mirrors what is stored (or, after an import the browser would not keep, what is
shown for this visit). ``unsaved`` is the latest complete result the reader did not save (or
that the browser would not keep): still theirs to download or compare. ``unreadable`` says
that the stored value could not be read when the page opened, so saving over it is refused
until the reader deletes it. ``pending`` is a save waiting for the page to say it was kept.
"""

from dataclasses import dataclass, field

from .history import Entry


@dataclass(slots=True)
class SavedState:
    entries: list[Entry] = field(default_factory=list)
    unsaved: Entry | None = None
    unreadable: bool = False
    opened: bool = False
    pending: list[Entry] | None = None

    def yours(self) -> list[Entry]:
        """Everything the reader may download or compare: the saved entries and the unsaved one."""
        return [*self.entries, self.unsaved] if self.unsaved is not None else list(self.entries)


#: the one state of this worker (a page shows at most one self-check)
STATE = SavedState()


def reset() -> None:
    """Forget everything (tests; and a page that deletes all its data)."""
    STATE.entries, STATE.unsaved, STATE.unreadable, STATE.opened, STATE.pending = [], None, False, False, None
