"""Entry point for ``python -m kindtray``."""

import sys

from kindtray.cli import main

sys.exit(main())
