"""The plyer route: plyer's notification, on Windows and macOS only.

On Linux plyer reaches the same daemon as the freedesktop route through ``notify-send`` and
cannot tell whether it worked, so it is not used there. It must not import plyer before a
reminder is shown (plyer is slow to import and not needed on Linux).
"""

from __future__ import annotations

import sys

from kindtray.ui.notify.base import APP_NAME, RouteError, app_icon_path, raise_unless_usable


def plyer_problem(platform: str) -> str | None:
    """Why plyer is not used on ``platform`` (a ``sys.platform`` value), or None."""
    if platform.startswith("linux"):
        return "plyer on Linux cannot report failure; not used"
    return None


class PlyerRoute:
    """plyer's notification, where it is the platform's native way."""

    name = "plyer"
    why = "the system's own notifications, through plyer"

    def probe(self) -> str | None:
        """Why plyer is not used on this platform, or None."""
        return plyer_problem(sys.platform)

    def notify(self, title: str, body: str) -> None:
        """Show the notification; raise RouteError if plyer cannot."""
        raise_unless_usable(self.probe())
        try:
            from plyer import notification

            icon = app_icon_path()
            notification.notify(
                title=title, message=body, app_name=APP_NAME, app_icon=str(icon or ""), timeout=20
            )
        except Exception as exc:  # plyer raises anything from NotImplementedError to OSError
            raise RouteError(f"plyer could not notify: {exc}") from exc

    def withdraw(self) -> None:
        """Nothing to do: plyer cannot take a notification back."""

    def shutdown(self) -> None:
        """Nothing to let go of."""
