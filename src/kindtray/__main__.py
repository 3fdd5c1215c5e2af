"""Entry point for ``python -m kindtray``."""

import sys

from kindtray.cli_live import main

sys.exit(main())
