"""The project's own error type. The library raises it; only the CLI turns it into messages."""

from __future__ import annotations

from .model import Problem


class ReportError(Exception):
    """A file that cannot be used: not a report, unreadable, a bad sidecar, a refused path.

    ``problems`` lists every problem found (not only the first), each printed as
    ``path:line: message``.
    """

    def __init__(self, path: str, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.path = path
        self.problems = list(problems)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [format_problem(self.path, p) for p in self.problems]


def format_problem(path: str, problem: Problem) -> str:
    where = f"{path}:{problem.line}" if problem.line else path
    return f"{where}: {problem.message}"
