"""Presence sources: does the desktop say the person is busy or away? One module per condition.

Each source answers True, False or None ("unknown": it cannot tell here), and None never holds
a reminder. Sources listen to the desktop's own signals where it sends them and otherwise ask
no more often than every POLL_SECONDS. Nothing here imports Qt: the app watches each source's
file descriptor and calls ``dispatch``; what the answers mean is decided in
``kindtray.core.presence`` and ``kindtray.core.schedule``.
"""
