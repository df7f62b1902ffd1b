# Shortcuts; the README's two commands (scripts/run_app.sh, scripts/run_tests.sh) need no make.
.PHONY: app test screenshots bench bench-peers fuzz package package-test package-smoke package-install-test

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
	.venv/bin/python -m bench.hostile

# Our compare side by side with the peer engines (bench/peers.py), each peer installed from PyPI into an environment
# of its own under bench/ (never a dependency of the project; jubarte-redlines is AGPL: run only, in its own one).
# PEERS_SIZES=small,medium,large adds the 523-page pair (many minutes per peer); PEERS_ARGS="--runs 3 --timeout 600".
PEERS_SIZES ?= small,medium
PEERS_PY ?= python3.11
bench-peers:
	bash scripts/bootstrap.sh >&2
	test -x bench/.peers-venv/bin/python || $(PEERS_PY) -m venv bench/.peers-venv
	bench/.peers-venv/bin/pip install -q "python-redlines[all]==2.0.0" "docx-trackdiff==1.0.0" "matplotlib==3.11.2"
	test -x bench/.peers-agpl-venv/bin/python || $(PEERS_PY) -m venv bench/.peers-agpl-venv
	bench/.peers-agpl-venv/bin/pip install -q "jubarte-redlines==0.14.0"
	mkdir -p bench/out/peers
	.venv/bin/python -m bench.peers --sizes $(PEERS_SIZES) $(PEERS_ARGS) --json bench/out/peers/report.json \
		--chart bench/out/peers/peers.png

# Random fuzzing on demand; `make test` and CI are deterministic (tests/fuzz/profiles.py, tests/fuzz/fuzz_reader.py).
#   1. every property test (`pytest -m hypothesis`) under the "fuzz" hypothesis profile: random examples, 20 times
#      as many in tests/fuzz; failures are kept in .hypothesis/ and tried first on the next `make fuzz`;
#   2. the .docx reader fuzz target for FUZZ_SECONDS (default 600) from a random seed (FUZZ_SEED=N replays a run);
#   3. the value-level fuzz target (hostile attribute values, deep nesting: tests/fuzz/fuzz_values.py) likewise.
# Every failure found becomes an explicit @example on its property (or a regression test, e.g.
# tests/fuzz/test_reader_regressions.py), so that `make test` and CI try it on every run from then on.
fuzz:
	bash scripts/bootstrap.sh >&2
	HYPOTHESIS_PROFILE=fuzz QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -m hypothesis tests
	HYPOTHESIS_PROFILE=fuzz .venv/bin/python -m pytest -q tests/fuzz/test_profiles.py
	.venv/bin/python -m tests.fuzz.fuzz_reader --seconds $${FUZZ_SECONDS:-600} $${FUZZ_SEED:+--seed $$FUZZ_SEED}
	.venv/bin/python -m tests.fuzz.fuzz_values --seconds $${FUZZ_SECONDS:-600} $${FUZZ_SEED:+--seed $$FUZZ_SEED}

# The desktop bundle and the Linux downloads (dist/), about 3 minutes; not part of `make test` or CI.
package:
	bash packaging/build.sh

# Build, then try the bundle as a delegate would: every command and form, each .docx read back by LibreOffice,
# the window offscreen and under Xvfb (packaging/smoke_test.py; `make package-smoke` skips the build).
package-test: package package-smoke

package-smoke:
	python3 packaging/smoke_test.py

# Install, start and uninstall the tarball (under a temporary PREFIX); `bash packaging/linux/install_test.sh --deb`
# also tries the .deb with dpkg -i / dpkg -r, system-wide (root).
package-install-test:
	bash packaging/linux/install_test.sh
