"""Views (``report.views``: typed data a command shows) and the formats that render them
(``report.formats``: one registry; text, JSON, Markdown and GitHub annotations built in).

The renderers are imported on first use, so reading a view type or the list of formats
does not import rich: ``levelset --help`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from levelset.report.data import render_json, report_to_dict
    from levelset.report.github import render_github
    from levelset.report.goals import goal_tree
    from levelset.report.markdown import render_markdown
    from levelset.report.org import org_tree
    from levelset.report.text import print_problems, render_text

#: Public name → the module that defines it (imported when the name is first read).
_LAZY = {
    "goal_tree": "levelset.report.goals",
    "org_tree": "levelset.report.org",
    "print_problems": "levelset.report.text",
    "render_github": "levelset.report.github",
    "render_json": "levelset.report.data",
    "render_markdown": "levelset.report.markdown",
    "render_text": "levelset.report.text",
    "report_to_dict": "levelset.report.data",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "goal_tree",
    "org_tree",
    "print_problems",
    "render_github",
    "render_json",
    "render_markdown",
    "render_text",
    "report_to_dict",
]
