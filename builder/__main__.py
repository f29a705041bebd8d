"""``python -m builder`` is the ``builder`` command."""

from .cli import main

main()
