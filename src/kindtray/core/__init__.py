"""The GUI-free core: every decision kindtray makes, as plain Python that is handed the time.

Nothing in this package may import Qt (a test enforces it) or read the real clock.
"""
