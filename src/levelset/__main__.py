"""``python -m levelset``: the same as the ``levelset`` command."""

from levelset.cli import main

main(prog_name="levelset")
