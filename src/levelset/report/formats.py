"""The registry of output formats: every format, built-in or plug-in, listed in one place.

A ``Format`` names itself, its file suffix and a per-view renderer table: for each view
type it can show (``report.views``), a function from the view to its rendering. A
rendering is the finished text (JSON, Markdown, annotations) or, for the terminal, a
printer that prints to a rich console (colour and width depend on where it goes).

Built-in formats (``report.builtin_formats``) are registered exactly as a plug-in's: a
package adds formats through the ``levelset.formats`` entry point group, each entry point
yielding a ``Format`` or an iterable of them. Renderers may be ``lazy`` references, so
asking which formats a command offers imports no renderer (nor rich).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

    from rich.console import Console

ENTRY_POINT_GROUP = "levelset.formats"

#: Prints a view to a console: the terminal's rendering.
Printer = Callable[["Console"], None]
#: What a renderer hands back: finished text, or a printer for a console.
Rendering = str | Printer
#: From a view to its rendering.
Renderer = Callable[[Any], Rendering]


class FormatError(ValueError):
    """A format that cannot be registered, or asked for a view it cannot render."""


@dataclass(frozen=True)
class Format:
    """An output format: its name (the ``--format`` value), the suffix of a file written
    in it, a line describing it, and its renderer per view type."""

    name: str
    suffix: str
    description: str
    renderers: Mapping[type[Any], Renderer]

    def __post_init__(self) -> None:
        # a read-only copy: a registered format cannot change under the registry
        object.__setattr__(self, "renderers", MappingProxyType(dict(self.renderers)))

    @property
    def views(self) -> frozenset[type[Any]]:
        """The view types this format renders."""
        return frozenset(self.renderers)

    def renders(self, view_type: type[Any]) -> bool:
        """True when this format can render views of ``view_type``."""
        return view_type in self.renderers

    def render(self, view: object) -> Rendering:
        """``view`` in this format; ``FormatError`` when it has no renderer for it."""
        renderer = self.renderers.get(type(view))
        if renderer is None:
            raise FormatError(f"format {self.name!r} cannot render a {type(view).__name__}")
        return renderer(view)


def lazy(target: str) -> Renderer:
    """A renderer named ``"package.module:function"``, imported on its first call.

    Listing formats (for ``--format`` choices or ``--help``) then imports no renderer.
    """
    module_name, _, function_name = target.partition(":")
    loaded: list[Renderer] = []

    def render(view: Any) -> Rendering:
        if not loaded:
            loaded.append(getattr(importlib.import_module(module_name), function_name))
        return loaded[0](view)

    render.__qualname__ = render.__name__ = f"lazy({target})"
    return render


class FormatRegistry:
    """The formats by name, in the order they were registered (the order of ``--format``
    choices). ``problems`` holds the plug-ins that could not be loaded, as messages."""

    def __init__(self) -> None:
        self._formats: dict[str, Format] = {}
        self.problems: list[str] = []

    def register(self, fmt: Format) -> None:
        """Add ``fmt``; ``FormatError`` when its name is taken."""
        if not isinstance(fmt, Format):
            raise FormatError(f"{fmt!r} is not a Format")
        if fmt.name in self._formats:
            raise FormatError(f"format {fmt.name!r} is registered twice")
        self._formats[fmt.name] = fmt

    def get(self, name: str) -> Format:
        """The format called ``name``; ``FormatError`` naming the known ones otherwise."""
        try:
            return self._formats[name]
        except KeyError:
            known = ", ".join(self._formats)
            raise FormatError(f"no format {name!r}; known: {known}") from None

    def names_for(self, view_type: type[Any]) -> tuple[str, ...]:
        """The names of the formats that render ``view_type``, in registration order."""
        return tuple(f.name for f in self._formats.values() if f.renders(view_type))

    def render(self, name: str, view: object) -> Rendering:
        """``view`` rendered in the format called ``name``."""
        return self.get(name).render(view)

    def __iter__(self) -> Iterator[Format]:
        return iter(self._formats.values())

    def __len__(self) -> int:
        return len(self._formats)


def load_formats(registry: FormatRegistry, loaded: object) -> None:
    """Register what an entry point yielded: a ``Format`` or an iterable of them."""
    if isinstance(loaded, Format):
        registry.register(loaded)
        return
    if not isinstance(loaded, Iterable):
        raise FormatError("the entry point must yield a Format or an iterable of Formats")
    for item in loaded:
        registry.register(item)


def builtin_formats(*, plugins: bool = True) -> FormatRegistry:
    """A fresh registry with the built-in formats and, unless ``plugins`` is false, those
    of installed plug-ins; a plug-in that fails to load is noted in ``problems``."""
    from levelset.report.builtin_formats import BUILTIN_FORMATS  # noqa: PLC0415 - a cycle

    registry = FormatRegistry()
    load_formats(registry, BUILTIN_FORMATS)
    if plugins:
        from importlib.metadata import entry_points  # noqa: PLC0415 - only when asked

        for point in entry_points(group=ENTRY_POINT_GROUP):
            _register_plugin(registry, point)
    return registry


def _register_plugin(registry: FormatRegistry, point: EntryPoint) -> None:
    try:
        load_formats(registry, point.load())
    except Exception as error:  # a broken plug-in must not take the built-in formats down
        registry.problems.append(f"format plug-in {point.name!r} could not be loaded: {error}")


@cache
def default_formats() -> FormatRegistry:
    """The built-in and plug-in formats (built once)."""
    return builtin_formats()
