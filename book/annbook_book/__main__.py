"""``python -m annbook_book [--html DIR] [--same-as OTHER_CACHE]``: the book check, outside a build.

Run with ``docs/_ext`` on ``PYTHONPATH``, from the project's root.
"""

import sys

from annbook_book.check import main

sys.exit(main())
