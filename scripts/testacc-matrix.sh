#!/usr/bin/env bash
# Runs the acceptance tests against each supported Terraform CLI and prints a summary.
#
#   scripts/testacc-matrix.sh [CLI...]
#
# CLI is one of
#   machine    the terraform on PATH (or $TERRAFORM)
#   terraform  Terraform 1.5.7, the last MPL release, built by scripts/tools.sh
#   tofu       OpenTofu 1.12.6, built by scripts/tools.sh; run with TF_ACC_PROVIDER_HOST=registry.opentofu.org
# and defaults to all three. Built CLIs are cached outside the repository (scripts/tools.sh dir).
#
# TESTACC_MATRIX_BUILD_BUDGET (seconds, default unlimited) bounds the time spent building CLIs
# that are not cached yet: a CLI whose measured build time does not fit in what is left of the
# budget is skipped with a notice instead of built. 0 runs the cached CLIs only.
# TESTACC_MATRIX_RUN, if set, is passed to `go test -run`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tools="$root/scripts/tools.sh"
export CHECKPOINT_DISABLE=1

# Build times on 2 cores with an empty Go build cache, measured on a busy machine and rounded up.
declare -A build_seconds=([terraform]=250 [tofu]=480)

budget=${TESTACC_MATRIX_BUILD_BUDGET:-}
if [ -n "$budget" ] && ! [[ $budget =~ ^[0-9]+$ ]]; then
  echo "TESTACC_MATRIX_BUILD_BUDGET must be a number of seconds, not '$budget'" >&2
  exit 2
fi
spent_building=0

# find_cli CLI sets cli_path to the CLI's path, building it when the budget allows, or to
# nothing (saying why) when the CLI is skipped.
find_cli() {
  cli_path=
  case $1 in
    machine)
      cli_path=${TERRAFORM:-$(command -v terraform || true)}
      [ -n "$cli_path" ] || { echo "no terraform on PATH (set TERRAFORM)" >&2; return 1; }
      ;;
    terraform | tofu)
      if cli_path=$("$tools" path "$1" 2>/dev/null); then return 0; fi
      if [ -n "$budget" ] && [ "${build_seconds[$1]}" -gt $((budget - spent_building)) ]; then
        echo "$1 is not cached, and its build (about ${build_seconds[$1]} s) does not fit in the" \
          "$((budget - spent_building)) s left of TESTACC_MATRIX_BUILD_BUDGET: skipped"
        cli_path=
        return 0
      fi
      local started
      started=$(date +%s)
      cli_path=$("$tools" install "$1")
      spent_building=$((spent_building + $(date +%s) - started))
      ;;
    *)
      echo "unknown CLI '$1' (known: machine terraform tofu)" >&2
      return 1
      ;;
  esac
}

# acceptance_packages lists the packages whose tests drive the CLI: the acceptance tests
# (terraform-plugin-testing) and the end-to-end tests of internal/e2e. The soak test, which also
# uses that harness, tests the provider under faults rather than the CLI, and runs on the
# machine's terraform only.
acceptance_packages() {
  go list -f '{{.ImportPath}}{{range .TestImports}} {{.}}{{end}}{{range .XTestImports}} {{.}}{{end}}' ./... |
    awk '/ github.com\/hashicorp\/terraform-plugin-testing\// || $1 ~ /\/internal\/e2e$/ { print $1 }'
}

clis=("$@")
[ ${#clis[@]} -gt 0 ] || clis=(machine terraform tofu)
mapfile -t packages < <(acceptance_packages)
[ ${#packages[@]} -gt 0 ] || { echo "no acceptance test packages found" >&2; exit 1; }
run_args=()
[ -z "${TESTACC_MATRIX_RUN:-}" ] || run_args=(-run "$TESTACC_MATRIX_RUN")

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# OpenTofu prints its warning about a missing CLI configuration file on stdout, where the test
# harness reads the version: give it an empty configuration instead.
if [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ ! -e "$TF_CLI_CONFIG_FILE" ]; then
  : >"$logs/empty.tfrc"
  export TF_CLI_CONFIG_FILE="$logs/empty.tfrc"
fi
summary=()
failed=0
matrix_started=$(date +%s)
for cli in "${clis[@]}"; do
  find_cli "$cli"
  path=$cli_path
  if [ -z "$path" ]; then
    summary+=("$(printf '%-10s %-28s %-7s' "$cli" "(not cached)" SKIPPED)")
    continue
  fi
  version=$("$path" version 2>/dev/null | awk '/^(Terraform|OpenTofu) v/ && !found { print; found = 1 }')
  host=()
  [ "$cli" != tofu ] || host=(TF_ACC_PROVIDER_HOST=registry.opentofu.org)
  echo "== acceptance tests on $version ($path)"
  started=$(date +%s)
  set +e
  env "${host[@]}" TF_ACC=1 TF_ACC_TERRAFORM_PATH="$path" \
    go test -count=1 -timeout 30m -v "${run_args[@]}" "${packages[@]}" >"$logs/$cli.log" 2>&1
  code=$?
  set -e
  seconds=$(($(date +%s) - started))
  grep -E '^(--- FAIL|FAIL|ok|panic)' "$logs/$cli.log" || true
  passed=$(grep -c '^--- PASS' "$logs/$cli.log" || true)
  skipped=$(grep -c '^--- SKIP' "$logs/$cli.log" || true)
  result=PASS
  if [ $code -ne 0 ]; then
    result=FAIL
    failed=1
    echo "-- failing output on $version:"
    grep -v -E '^(=== |--- PASS|    --- PASS)' "$logs/$cli.log" | tail -n 200
  fi
  summary+=("$(printf '%-10s %-28s %-7s %4d s  %d tests passed, %d skipped' "$cli" "$version" "$result" "$seconds" "$passed" "$skipped")")
done

echo
echo "== acceptance test matrix ($(($(date +%s) - matrix_started)) s in all)"
printf '%s\n' "${summary[@]}"
exit $failed
