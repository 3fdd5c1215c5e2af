"""kindtray: a calm tray app for one-minute self-compassion breaks."""

__version__ = "0.1.0"
