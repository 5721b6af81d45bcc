"""Quiz files at build time: load and validate (``loader``), render the static form (``render``),
and the ``python -m scripts.quizzes check`` command."""

from .loader import Bank, load_bank
from .problems import Problem, QuizProblems

__all__ = ["Bank", "Problem", "QuizProblems", "load_bank"]
