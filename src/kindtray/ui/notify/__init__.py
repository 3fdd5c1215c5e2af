"""Showing the reminder: one module per route, and the chain that tries them in order.

A *route* is one way a reminder reaches the user: ``freedesktop`` (the desktop's
notification service over D-Bus), ``tray_message`` (the tray icon's balloon), ``plyer``
(Windows and macOS notifications) and ``window`` (a small window of kindtray's own). Each
has ``name``, ``probe()``, ``notify()``, ``withdraw()`` and ``shutdown()`` (see ``base.Route``).
``chain`` orders them and falls back; ``kindtray doctor`` (ui/doctor.py) asks them.
"""
