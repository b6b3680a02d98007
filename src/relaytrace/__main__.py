"""``python -m relaytrace``: the command-line interface."""

from relaytrace.cli import main

if __name__ == "__main__":
    main()
