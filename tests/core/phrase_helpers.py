"""Shared by the phrase tests in core and storage: the shipped library, a morning, needs."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from kindtray.core.phrases import PhraseLibrary
from kindtray.core.settings import PhraseSettings
from kindtray.storage.phrase_store import load_library

ZONE = ZoneInfo("Europe/Berlin")
MORNING = datetime(2026, 3, 10, 10, 30, tzinfo=ZONE)


def only(*needs: str, wind_down: time | None = None) -> PhraseSettings:
    return PhraseSettings(needs=needs, wind_down=wind_down)


@pytest.fixture(scope="module")
def shipped() -> PhraseLibrary:
    library, problems = load_library(None)
    assert problems == []
    return library
