"""Live reload: a watcher on every tenant's workspace, and the pages told of new content.

When ``config.watch`` is on, ``LiveUpdates.watch`` runs as a background task for the
life of the app: ``watchfiles`` reports changed files, the tenant's content hash is read
again (``WorkspaceHub.content_hash``, which re-reads only what changed), and every open
page of that tenant hears the new hash through server-sent events
(``/api/t/{tenant}/events``). The page's script (``static/live.js``) then fetches the
page again; a hash it already shows is ignored (a file saved unchanged, a snapshot).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from watchfiles import awatch

from levelset.web.hub import WorkspaceHub

#: How often an idle stream says it is alive (seconds), so proxies keep it open and a
#: closed browser tab is noticed.
KEEP_ALIVE = 15.0


class LiveUpdates:
    """The watcher and the pages listening, by tenant."""

    def __init__(self, hub: WorkspaceHub) -> None:
        self.hub = hub
        self.stopped = asyncio.Event()
        self._listeners: dict[str, set[asyncio.Queue[str]]] = {}
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start watching every tenant's workspace (in the running event loop)."""
        self._task = asyncio.get_running_loop().create_task(self.watch())
        self.hub.watched = True

    async def stop(self) -> None:
        """Stop watching, and end every stream."""
        self.stopped.set()
        self.hub.watched = False
        for queues in self._listeners.values():
            for queue in queues:
                queue.put_nowait("")  # ends the stream
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def watch(self) -> None:
        """Announce each tenant's new content hash after its files change."""
        roots = {t.name: t.workspace.resolve() for t in self.hub.config.tenants}
        async for changes in awatch(*roots.values(), stop_event=self.stopped, debounce=200):
            touched = {
                name
                for _change, path in changes
                for name, root in roots.items()
                if Path(path).is_relative_to(root)
            }
            for name in sorted(touched):
                self.hub.changed(name)
                self.announce(name, await run_in_threadpool(self.hub.content_hash, name))

    def announce(self, tenant: str, content: str) -> None:
        """Tell every page of ``tenant`` the content hash it should show."""
        for queue in self._listeners.get(tenant, set()):
            queue.put_nowait(content)

    async def stream(self, tenant: str) -> AsyncIterator[str]:
        """Server-sent events for one page: the hash now, then each new one."""
        queue: asyncio.Queue[str] = asyncio.Queue()
        self._listeners.setdefault(tenant, set()).add(queue)
        try:
            yield _event(await run_in_threadpool(self.hub.content_hash, tenant))
            while not self.stopped.is_set():
                try:
                    content = await asyncio.wait_for(queue.get(), KEEP_ALIVE)
                except TimeoutError:
                    yield ": still here\n\n"
                    continue
                if not content:
                    break
                yield _event(content)
        finally:
            self._listeners[tenant].discard(queue)


def _event(content: str) -> str:
    return f"event: hash\ndata: {content}\n\n"
