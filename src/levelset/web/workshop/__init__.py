"""The workshop: try changes to the organization in the browser, see what they close,
open, free and cost, save them as a scenario file and apply them to the workspace.

``router`` holds the pages (``/t/{tenant}/workshop``) and the JSON API
(``/api/t/{tenant}/workshop``); ``create_app`` includes it.
"""

from __future__ import annotations

from fastapi import APIRouter

from levelset.web.workshop import api, pages

router = APIRouter()
router.include_router(pages.router)
router.include_router(api.router)

__all__ = ["router"]
