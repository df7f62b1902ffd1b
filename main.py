"""Start Redline Desk: `python main.py` does what the `redline-desk` command does."""

from app.wiring.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
