"""The partner view: a partner user's one page and API answer, and the same slice for
whole-organization users at ``/t/{tenant}/partners/{id}/slice`` (what the partner sees)."""

from __future__ import annotations

from levelset.web.partner.routes import router

__all__ = ["router"]
