"""The reliability tests that run the real app use the desktop tests' private desktop."""

from tests.desktop.conftest import desktop  # noqa: F401 - a fixture, used by name
