"""docs/rules.md, generated from the registry so the catalogue and its documentation
cannot drift apart.

Run ``python -m levelset.rules.docs [OUTPUT]`` to write it (``docs/rules.md`` by default).
"""

from __future__ import annotations

import sys
from pathlib import Path

from levelset.rules.builtin import builtin_registry
from levelset.rules.registry import DOC_SECTIONS, Registry, Rule

DEFAULT_OUTPUT = Path("docs/rules.md")
REGENERATE = "uv run python -m levelset.rules.docs docs/rules.md"


def render_markdown(registry: Registry) -> str:
    """The rule catalogue as Markdown: an index by family, then every rule in full."""
    lines = [
        "# Rules",
        "",
        f"<!-- Generated from the rule registry by `{REGENERATE}`; do not edit. -->",
        "",
        "Every check levelset makes is a rule with a stable code. Thresholds are set in",
        "`levelset.toml` under a table named by the rule's code or name, for example:",
        "",
        "```toml",
        "[rules.LEV002]",
        "max_gap = 1",
        "```",
        "",
    ]
    for family, title in registry.families.items():
        members = [r for r in registry if r.family == family]
        if members:
            lines += _family_index(family, title, members)
    for family in registry.families:
        for member in (r for r in registry if r.family == family):
            lines += _rule_section(member)
    return "\n".join(lines).rstrip() + "\n"


def _family_index(family: str, title: str, members: list[Rule]) -> list[str]:
    lines = [
        f"## {family}: {title}",
        "",
        "| code | name | severity | summary |",
        "|---|---|---|---|",
    ]
    for member in members:
        anchor = member.code.lower()
        lines.append(
            f"| [{member.code}](#{anchor}) | `{member.name}` | {member.severity.value} "
            f"| {member.summary} |"
        )
    return [*lines, ""]


def _rule_section(member: Rule) -> list[str]:
    body = member.doc.splitlines()[1:]
    while body and not body[0].strip():
        body = body[1:]
    lines = [
        f"### {member.code}",
        "",
        f"**{member.code} `{member.name}`** ({member.severity.value}, {member.status}): "
        f"{member.summary}",
        "",
    ]
    lines += [_heading(line) for line in _dedent_sections(body)]
    lines += ["", "#### Options", ""]
    if member.options:
        lines += [f"- `{name}` (default `{value!r}`)" for name, value in member.options.items()]
    else:
        lines.append("- none")
    return [*lines, ""]


def _dedent_sections(body: list[str]) -> list[str]:
    """Section bodies are indented under their titles in a docstring; Markdown wants
    them flush, or the Example's code fence would render as an indented block."""
    return [line[4:] if line.startswith("    ") else line for line in body]


def _heading(line: str) -> str:
    for section in DOC_SECTIONS:
        if line.strip() == f"{section}:":
            return f"#### {section}\n"
    return line


def main(argv: list[str] | None = None) -> int:
    """Write the rule catalogue to the path given (``docs/rules.md`` by default)."""
    args = sys.argv[1:] if argv is None else argv
    output = Path(args[0]) if args else DEFAULT_OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render_markdown(builtin_registry(plugins=False)), encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
