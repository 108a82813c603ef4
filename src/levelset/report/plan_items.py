"""The plan in words: one sentence per item, shared by the terminal and Markdown reports."""

from __future__ import annotations

from levelset.model import FinanceAction, PartnerAction, Plan, SeatAction, StopDoing, Transfer

#: The finance actions' headings, in the order a plan lists them.
FINANCE_SECTIONS = (
    ("reprice", "Reprice or change the service model"),
    ("collect", "Collections call list"),
    ("build-pipeline", "Pipeline to build"),
    ("prospect", "Prospect list"),
)


def seat_sentence(seat: SeatAction) -> str:
    """``create fin-manager: Finance manager (L3, finance), reporting to ceo, over …``."""
    place = seat.level + (f", {seat.function}" if seat.function else "")
    text = f"{seat.action} {seat.seat}: {seat.title} ({place})"
    if seat.reports_to:
        text += f", reporting to {seat.reports_to}"
    if seat.manages:
        text += f", over {', '.join(seat.manages)}"
    if seat.hours_per_week:
        text += f"; {hours(seat.hours_per_week)} h/week of work waiting for it"
    return text + (f" — {seat.reason}" if seat.reason else "")


def partner_sentence(action: PartnerAction) -> str:
    """``stride: check references — why`` (an action id reads as words)."""
    text = f"{action.partner}: {action.action.replace('-', ' ')}"
    return text + (f" — {action.reason}" if action.reason else "")


def hours(value: float) -> str:
    """Hours as people say them: ``8``, ``2.5``, ``0.3`` (at most one decimal)."""
    return f"{value:.1f}".removesuffix(".0")


def money(value: float) -> str:
    """A signed amount with thousands separators: ``+1,200``, ``-350``."""
    return f"{value:+,.0f}"


def transfer_sentence(transfer: Transfer) -> str:
    """``Weekly reviews: from cro to rvp-east, 8 h/week freed, cost difference -400/week —
    why``."""
    text = f"{transfer.work}: from {transfer.from_} to {transfer.to}"
    if transfer.hours_per_week:
        text += f", {hours(transfer.hours_per_week)} h/week freed"
    if transfer.cost_difference is not None:
        text += f", cost difference {money(transfer.cost_difference)}/week at their cost rates"
    return text + (f" — {transfer.reason}" if transfer.reason else "")


def stop_sentence(item: StopDoing) -> str:
    """``Status meeting (dana, lee), 3 h/week — why``."""
    text = item.work
    if item.who:
        text += f" ({', '.join(item.who)})"
    if item.hours_per_week:
        text += f", {hours(item.hours_per_week)} h/week"
    return text + (f" — {item.reason}" if item.reason else "")


def amount(value: float) -> str:
    """An amount with thousands separators, no sign: ``42,000``."""
    return f"{abs(value):,.0f}"


def finance_sentence(action: FinanceAction) -> str:
    """One line under its section's heading (``FINANCE_SECTIONS``):
    ``Northwind Traders (northwind): lost 35,000 — why`` (reprice),
    ``Northwind Traders (northwind): 84,000 owed — why`` (collect),
    ``2026-Q4: 560,000 of weighted pipeline missing — why`` (build pipeline),
    ``Globex Logistics (globex): 184,000 spent with them — freight`` (prospect)."""
    # A customer derived from an export has its name for an id: said once.
    same = action.name in ("", action.subject)
    who = action.subject if same else f"{action.name} ({action.subject})"
    if action.action == "reprice":
        text = f"{who}: lost {amount(action.amount)}"
    elif action.action == "collect":
        text = f"{who}: {amount(action.amount)} owed"
    elif action.action == "build-pipeline":
        text = f"{action.subject}: {amount(action.amount)} of weighted pipeline missing"
    elif action.action == "prospect":
        text = f"{who}: {amount(action.amount)} spent with them"
    else:
        text = f"{who}: {action.action.replace('-', ' ')}"
    return text + (f" — {action.reason}" if action.reason else "")


def finance_sections(plan: Plan) -> list[tuple[str, list[str]]]:
    """The finance actions under their headings (non-empty ones only)."""
    sections = [
        (title, [finance_sentence(a) for a in plan.finance if a.action == key])
        for key, title in FINANCE_SECTIONS
    ]
    known = {key for key, _ in FINANCE_SECTIONS}
    others = [finance_sentence(a) for a in plan.finance if a.action not in known]
    sections.append(("Other finance actions", others))
    return [(title, items) for title, items in sections if items]


def plan_sections(plan: Plan) -> list[tuple[str, list[str]]]:
    """Non-empty sections of the plan, each a heading and its sentences."""
    sections = [
        ("Seats to create or fill", [seat_sentence(s) for s in plan.seats]),
        ("Partner actions", [partner_sentence(p) for p in plan.partners]),
        ("Transfers", [transfer_sentence(t) for t in plan.transfers]),
        ("Stop doing", [stop_sentence(s) for s in plan.stop_doing]),
    ]
    sections += finance_sections(plan)
    return [(title, items) for title, items in sections if items]
