"""``python -m crm_core``: the command-line contract of DESIGN.md."""

import sys

from crm_core.cli import main

if __name__ == "__main__":
    sys.exit(main())
