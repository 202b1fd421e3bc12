#!/usr/bin/env bash
# Runs the acceptance tests against each supported Terraform CLI and prints a summary.
#
#   scripts/testacc-matrix.sh [CLI...]
#
# CLI is one of
#   machine    the terraform on PATH (or $TERRAFORM)
#   terraform  Terraform 1.5.7, the last MPL release, built by scripts/tools.sh
#   tofu       OpenTofu 1.12.6, built by scripts/tools.sh; run with TF_ACC_PROVIDER_HOST=registry.opentofu.org
# and defaults to all three. A CLI that is not cached yet is built first (minutes, once), outside
# the repository (scripts/tools.sh dir). TESTACC_MATRIX_RUN, if set, is passed to `go test -run`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tools="$root/scripts/tools.sh"
export CHECKPOINT_DISABLE=1

# find_cli CLI sets cli_path to the CLI's path, building it if need be.
find_cli() {
  cli_path=
  case $1 in
    machine)
      cli_path=${TERRAFORM:-$(command -v terraform || true)}
      [ -n "$cli_path" ] || { echo "no terraform on PATH (set TERRAFORM)" >&2; return 1; }
      ;;
    terraform | tofu) cli_path=$("$tools" install "$1") ;;
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

# skip_reasons prints each test of a `go test -v` log that was skipped (subtests included), with
# the last line it logged: the reason it gave.
skip_reasons() {
  awk '
    /^=== (RUN|NAME|CONT) / { name = $3; next }
    /^ +[^ ]+_test\.go:[0-9]+: / { line = $0; sub(/^ +[^ ]+_test\.go:[0-9]+: /, "", line); said[name] = line; next }
    /^ *--- SKIP: / { print "skipped " $3 ": " said[$3] }
  ' "$1"
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
  skip_reasons "$logs/$cli.log"
  passed=$(grep -c -E '^ *--- PASS' "$logs/$cli.log" || true)
  skipped=$(grep -c -E '^ *--- SKIP' "$logs/$cli.log" || true)
  result=PASS
  if [ $code -ne 0 ]; then
    result=FAIL
    failed=1
    echo "-- failing output on $version:"
    grep -v -E '^(=== |--- PASS|    --- PASS)' "$logs/$cli.log" | tail -n 200
  fi
  summary+=("$(printf '%-10s %-28s %-7s %4d s  %d tests and subtests passed, %d skipped' "$cli" "$version" "$result" "$seconds" "$passed" "$skipped")")
done

echo
echo "== acceptance test matrix ($(($(date +%s) - matrix_started)) s in all)"
printf '%s\n' "${summary[@]}"
exit $failed
