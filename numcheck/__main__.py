"""`python -m numcheck`: the same command as `numcheck`."""

from numcheck.cli import main

main()
