"""The chain: the routes for this platform, best first, and the fallback between them.

``RouteChain`` tries the routes in order at send time: a route that raises RouteError hands
over to the next one, and the first that succeeds is the only one that shows the reminder.
``route_order`` names the routes for a platform (pure), so the app and ``kindtray doctor``
always agree. This package decides nothing about *when* to remind (the core does) or what
the answer means (ui/app.py does).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QSystemTrayIcon

from kindtray.ui.notify.base import TITLE, ReminderAnswers, Route, RouteError
from kindtray.ui.notify.freedesktop import FreedesktopRoute
from kindtray.ui.notify.plyer import PlyerRoute
from kindtray.ui.notify.tray_message import TrayMessageRoute

log = logging.getLogger(__name__)


class RouteChain:
    """Tries each route in order; exactly one shows each reminder."""

    def __init__(self, routes: Sequence[Route]) -> None:
        self.routes = list(routes)
        self.last_used: str | None = None
        self._last: Route | None = None

    def notify(self, body: str, title: str = TITLE) -> str | None:
        """Show the reminder with the first route that works; return that route's name."""
        for route in self.routes:
            try:
                route.notify(title, body)
            except RouteError as exc:
                log.warning("reminder not shown by %s: %s", route.name, exc)
                continue
            if self._last is not None and self._last is not route:
                self._last.withdraw()  # never two reminders on screen
            self._last = route
            self.last_used = route.name
            log.info("reminder shown by %s", route.name)
            return route.name
        log.error("no route could show the reminder")
        return None

    def withdraw(self) -> None:
        """Take the current reminder off the screen (a break started some other way)."""
        if self._last is not None:
            self._last.withdraw()

    def probe(self) -> dict[str, str | None]:
        """Ask every route, in order, whether it can work here (see ``Route.probe``)."""
        return {route.name: route.probe() for route in self.routes}

    def shutdown(self) -> None:
        """Let every route go (a reminder on screen stays there); called once, at the end."""
        for route in self.routes:
            route.shutdown()


class OnFirstUse:
    """A route built when it is first asked (``probe``, ``notify``, ``why``).

    The fallback window is the last route: its widgets are not needed to show the tray icon,
    and on most desktops never at all, so its module loads only if the chain gets to it.
    """

    def __init__(self, name: str, make: Callable[[], Route]) -> None:
        self.name = name
        self._make = make
        self.route: Route | None = None

    def _built(self) -> Route:
        if self.route is None:
            self.route = self._make()
        return self.route

    @property
    def why(self) -> str:
        """The route's own words for ``kindtray doctor``."""
        return self._built().why

    def probe(self) -> str | None:
        """Ask the route itself."""
        return self._built().probe()

    def notify(self, title: str, body: str) -> None:
        """Show the reminder through the route itself."""
        self._built().notify(title, body)

    def withdraw(self) -> None:
        """Nothing to take back if the route was never built."""
        if self.route is not None:
            self.route.withdraw()

    def shutdown(self) -> None:
        """Nothing to let go of if the route was never built."""
        if self.route is not None:
            self.route.shutdown()


def _window_route(answers: ReminderAnswers, theme: Callable[[], str]) -> Route:
    from kindtray.ui.notify.window import WindowRoute

    return WindowRoute(answers, theme)


def route_order(platform: str, has_tray: bool) -> tuple[str, ...]:
    """Name the routes that can show a reminder on ``platform`` (``sys.platform``), best first.

    Pure: ``default_chain`` builds exactly these routes, and ``kindtray doctor`` probes that
    chain, so both always agree on which route is tried when.
    """
    order: list[str] = []
    if platform.startswith("linux") or "bsd" in platform:
        order.append("freedesktop")
    if has_tray:
        order.append("tray-message")
    if not platform.startswith("linux"):
        order.append("plyer")
    order.append("window")
    return tuple(order)


def first_usable(order: Sequence[str], problems: dict[str, str | None]) -> str | None:
    """Return the first route in ``order`` with no problem (``problems[name]`` is None)."""
    for name in order:
        if problems.get(name, "not checked") is None:
            return name
    return None


def default_chain(
    answers: ReminderAnswers,
    tray: QSystemTrayIcon | None,
    theme: Callable[[], str] = lambda: "system",
) -> RouteChain:
    """Return the routes for this platform, best first (see ``route_order``).

    ``theme`` gives the ``break.theme`` setting as it is now, for kindtray's own window.
    """
    routes: list[Route] = []
    for name in route_order(sys.platform, tray is not None):
        if name == "freedesktop":
            routes.append(FreedesktopRoute(answers))
        elif name == "tray-message" and tray is not None:
            routes.append(TrayMessageRoute(tray, answers))
        elif name == "plyer":
            routes.append(PlyerRoute())
        elif name == "window":
            routes.append(OnFirstUse(name, lambda: _window_route(answers, theme)))
    log.info("reminder routes, best first: %s", ", ".join(r.name for r in routes))
    return RouteChain(routes)
