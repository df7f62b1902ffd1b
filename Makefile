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

# Long fuzzing on demand: the property tests under the "fuzz" hypothesis profile, then the .docx reader
# fuzz target for FUZZ_SECONDS (default 600; FUZZ_SEED=N replays a run). CI runs both briefly in `make test`.
fuzz:
	bash scripts/bootstrap.sh >&2
	HYPOTHESIS_PROFILE=fuzz QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/fuzz -q \
		--deselect tests/fuzz/test_fuzz_reader.py::test_reader_survives_mutated_fixtures
	.venv/bin/python -m tests.fuzz.fuzz_reader --seconds $${FUZZ_SECONDS:-600} $${FUZZ_SEED:+--seed $$FUZZ_SEED}
