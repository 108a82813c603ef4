"""The JSON API: every page's data under ``/api/t/{tenant}/``, described at
``/api/openapi.json``."""
