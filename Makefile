# Shortcuts; the README's two commands (scripts/run_app.sh, scripts/run_tests.sh) need no make.
.PHONY: app test screenshots bench fuzz

app:
	bash scripts/run_app.sh

test:
	bash scripts/run_tests.sh

screenshots:
	bash scripts/bootstrap.sh >&2
	QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py

bench:
	bash scripts/bootstrap.sh >&2
	.venv/bin/python -m bench.run
