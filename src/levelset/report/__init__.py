"""Renderers of a check's report (terminal, JSON, Markdown, GitHub annotations) and of the
goal and seat trees. They read only the model."""

from levelset.report.data import render_json, report_to_dict
from levelset.report.github import render_github
from levelset.report.goals import goal_tree
from levelset.report.markdown import render_markdown
from levelset.report.org import org_tree
from levelset.report.text import print_problems, render_text

FORMATS = ("text", "json", "markdown", "github")

__all__ = [
    "FORMATS",
    "goal_tree",
    "org_tree",
    "print_problems",
    "render_github",
    "render_json",
    "render_markdown",
    "render_text",
    "report_to_dict",
]
