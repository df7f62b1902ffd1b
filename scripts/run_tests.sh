#!/usr/bin/env bash
# Bootstrap, then ruff, mypy and pytest (extra arguments go to pytest); all three run, any failure fails.
#   bash scripts/run_tests.sh                     everything
#   bash scripts/run_tests.sh -k libreoffice -x   pytest arguments (paths relative to the repository root)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen

failed=()
step() {
    local name=$1 rc=0
    shift
    printf '\n== %s\n' "$name"
    "$@" || rc=$?
    if [ "$name" = pytest ] && [ "$rc" -eq 5 ]; then
        echo "pytest collected no tests: that counts as a failure"
    fi
    [ "$rc" -eq 0 ] || failed+=("$name (exit $rc)")
}
step ruff .venv/bin/ruff check .
step mypy .venv/bin/mypy
step pytest .venv/bin/python -m pytest "$@"

echo
if [ "${#failed[@]}" -gt 0 ]; then
    echo "run_tests: FAILED: ${failed[*]}"
    exit 1
fi
echo "run_tests: ruff, mypy and pytest passed"
