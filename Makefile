# The two commands README promises: `make run` and `make test`. Each creates .venv on first use.
PYTHON ?= python3
VENV := .venv
# `make test` leaves out the long reliability runs (marker: slow); .ci/run passes PYTEST_ARGS= to run them.
PYTEST_ARGS ?= -m "not slow"
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: translations run install-launcher uninstall-launcher test lint typecheck pytest explore screenshots screenshots-break screenshots-settings screenshots-windows screenshots-desktops bench bench-cli bench-bundle package clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "kindtray needs Python 3.11 or newer; set PYTHON=python3.x"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python tools/translations.py compile
	@touch $(STAMP)

# The .mo catalogs kindtray reads, rebuilt whenever a .po source is newer (git ignores them).
CATALOGS := $(patsubst %.po,%.mo,$(wildcard resources/translations/*.po))

$(CATALOGS) &: $(wildcard resources/translations/*.po) $(STAMP)
	$(BIN)/python tools/translations.py compile

# After changing a user-facing text or a .po file: the template from the code, every language
# merged with it, what is left to translate, and the .mo catalogs kindtray reads.
translations: $(STAMP)
	$(BIN)/python tools/translations.py extract
	$(BIN)/python tools/translations.py update
	$(BIN)/python tools/translations.py compile
	-$(BIN)/python tools/translations.py check

run: $(STAMP) $(CATALOGS)
	$(BIN)/kindtray $(ARGS)

# `kindtray` in a terminal without activating .venv: one link, ~/.local/bin/kindtray ->
# .venv/bin/kindtray, and nothing else written. A kindtray already there that is not this
# link (the archive's install.sh puts one there) is left alone.
LAUNCHER_DIR := $(HOME)/.local/bin
LAUNCHER := $(LAUNCHER_DIR)/kindtray
LAUNCHER_TARGET := $(abspath $(BIN)/kindtray)

install-launcher: $(STAMP)
	@if [ -e "$(LAUNCHER)" -o -L "$(LAUNCHER)" ] && [ "$$(readlink "$(LAUNCHER)")" != "$(LAUNCHER_TARGET)" ]; then \
		echo "$(LAUNCHER) already exists and is not this checkout's; left alone"; exit 1; fi
	mkdir -p "$(LAUNCHER_DIR)"
	ln -sfn "$(LAUNCHER_TARGET)" "$(LAUNCHER)"
	@case ":$$PATH:" in *":$(LAUNCHER_DIR):"*) ;; \
		*) echo "$(LAUNCHER_DIR) is not on your PATH yet; add it there to run kindtray by name";; esac

uninstall-launcher:
	@if [ "$$(readlink "$(LAUNCHER)")" = "$(LAUNCHER_TARGET)" ]; then rm "$(LAUNCHER)"; echo "removed $(LAUNCHER)"; \
		else echo "$(LAUNCHER) is not this checkout's launcher; left alone"; fi

LINT_DIRS := $(wildcard src tests bench desktopstack packaging docs tools)

lint: $(STAMP)
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/ruff format --check $(LINT_DIRS)

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) $(CATALOGS)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest

# Hypothesis with random examples, and more of them (`make test` runs it derandomized, see
# tests/conftest.py). Not part of `make test`: it explores; a case it finds gets an @example.
EXPLORE_TESTS := tests/core/test_schedule_properties.py tests/core/test_presence_properties.py \
	tests/core/test_break_script.py

explore: $(STAMP)
	$(BIN)/python -m pytest --hypothesis-profile=explore --hypothesis-show-statistics $(EXPLORE_TESTS)

# The stand-alone folder and archive (see README, "Install without Python"); PyInstaller comes
# from the `package` extra, installed here only.
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[package]'
	$(BIN)/python packaging/build.py

# Every window in the light and dark palettes, into docs/screenshots/ (offscreen, fixed texts).
screenshots: screenshots-break screenshots-settings screenshots-windows

# Every step of the break (light/dark, with/without motion), for docs and review.
screenshots-break: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py --out docs/screenshots

# The settings dialog, for README (fixed clock).
screenshots-settings: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/settings_screenshots.py

# kindtray against bench/bare_tray.py under Xvfb + trayer + dunst; BENCH_ARGS=--quick for a fast look.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py --readme bench/README.md $(BENCH_ARGS)

# Only the short commands (kindtray status, pause, break) against python -c pass; no desktop needed.
bench-cli: $(STAMP)
	$(BIN)/python bench/cli_latency.py $(BENCH_ARGS)

# The PyInstaller folder (make package) by component.
bench-bundle:
	$(BIN)/python bench/bundle_size.py

# The panel with kindtray's icon on each real desktop (X11, sway, GNOME Shell, KDE Plasma).
screenshots-desktops: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/desktop_screenshots.py

# The welcome, About, the no-tray note, the reminder window and the tray menu, light and
# dark, at 100 % and 200 % (temporary files).
screenshots-windows: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python tools/window_screenshots.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
