#!/usr/bin/env bash
# What `make test` runs: every check on the machine's Terraform, one make target after another,
# stopping at the first that fails, then a summary of what each took.
#
# golangci-lint is built from source the first time (minutes), so when it is not cached yet its
# build starts at once in the background, and lint runs last: the build overlaps the tests, which
# spend much of their time waiting on the emulator's operations.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tools="$root/scripts/tools.sh"
steps=(fmt-check vet docs-check testacc fuzz bench-smoke demo-check lint)

work=$(mktemp -d)
linter_build=
cleanup() {
  if [ -n "$linter_build" ] && kill -0 "$linter_build" 2>/dev/null; then
    kill "$linter_build" 2>/dev/null || true
    wait "$linter_build" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

if ! "$tools" path golangci-lint >/dev/null 2>&1; then
  echo "== golangci-lint is not cached: building it in the background while the tests run"
  (
    status=0
    "$tools" install golangci-lint || status=$?
    times >"$work/linter-build.times"
    exit $status
  ) >"$work/linter-build.log" 2>&1 &
  linter_build=$!
fi

# read_cpu sets cpu to the CPU seconds (user and system) of the processes this shell has waited
# for, or with an argument, of those the shell that wrote that output of `times` had waited for.
# `times` must run in the shell whose children it counts: a subshell starts from zero.
read_cpu() {
  if [ $# -eq 0 ]; then
    times >"$work/times"
    set -- "$work/times"
  fi
  cpu=$(awk 'END { for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); total += t[1] * 60 + t[2] }; printf "%d\n", total }' "$1")
}

summary=()
# row NAME WALL CPU NOTE adds a line to the summary.
row() {
  summary+=("$(printf '  %-14s %5d s %6d s  %s' "$@")")
}

# wait_for_linter waits for the background build of golangci-lint, if any, and fails with its
# log if it failed.
wait_for_linter() {
  [ -n "$linter_build" ] || return 0
  local pid=$linter_build started=$SECONDS
  linter_build=
  if ! wait "$pid"; then
    echo "building golangci-lint failed:" >&2
    cat "$work/linter-build.log" >&2
    return 1
  fi
  read_cpu "$work/linter-build.times"
  row "(lint build)" $((SECONDS - started)) "$cpu" \
    "waited for; $(sed -n 's/^tools.sh: \(built .*\)$/\1/p' "$work/linter-build.log") in the background"
}

print_summary() {
  echo
  read_cpu
  echo "== make test: $1 after $((SECONDS - began)) s, $cpu s of CPU"
  printf '  %-14s %7s %8s\n' step wall CPU
  [ ! -e "$work/linter-build.times" ] ||
    echo "  (the CPU of the background build also counts in the step during which it ended)"
  printf '%s\n' "${summary[@]}"
}

began=$SECONDS
for step in "${steps[@]}"; do
  echo
  echo "== make $step"
  status=0
  if [ "$step" = lint ]; then
    wait_for_linter || status=$?
  fi
  started=$SECONDS
  read_cpu
  before=$cpu
  [ $status -ne 0 ] || make --no-print-directory "$step" || status=$?
  read_cpu
  row "$step" $((SECONDS - started)) $((cpu - before)) "$([ $status -eq 0 ] && echo ok || echo FAILED)"
  if [ $status -ne 0 ]; then
    print_summary "FAILED at $step"
    exit $status
  fi
done
print_summary "passed"
