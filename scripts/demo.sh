#!/usr/bin/env bash
# Runs the provider's main job end to end against the local Toloka emulator:
# create a project, archive it while waiting on Toloka's archive operation,
# then show that a new plan has nothing to change. Expects `make build` first.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tf=${TERRAFORM:-terraform}
delay=${DEMO_OPERATION_DELAY:-12s}
key=demo-api-key
work=$(mktemp -d)
emulator_pid=

cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$root/bin/toloka-emulator" -listen 127.0.0.1:0 -api-key "$key" -operation-delay "$delay" >"$work/emulator.log" 2>&1 &
emulator_pid=$!
url=
for _ in $(seq 100); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/api/v1' "$work/emulator.log" | head -n 1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "the Toloka emulator did not start:" >&2
  cat "$work/emulator.log" >&2
  exit 1
fi
echo "Toloka emulator serving $url (archive operations take $delay)"

cat >"$work/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "registry.terraform.io/toloka-terraform/toloka" = "$root/bin"
  }
  direct {}
}
EOF
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1
export TOLOKA_ENVIRONMENT=sandbox TOLOKA_BASE_URL="$url" TOLOKA_API_KEY="$key"
cp "$root/examples/demo/main.tf" "$work/main.tf"
color=()
[ -t 1 ] || color=(-no-color)
cd "$work"

echo
echo "== terraform apply: creates the project, archives it and waits on the archive operation"
started=$(date +%s)
"$tf" apply -auto-approve -input=false "${color[@]}"
echo "apply took $(($(date +%s) - started)) s"

echo
echo "== terraform plan: nothing to change"
set +e
"$tf" plan -input=false -detailed-exitcode "${color[@]}"
code=$?
set -e
case $code in
  0) echo "demo: the plan is clean" ;;
  2) echo "demo: the plan after apply is not empty" >&2; exit 1 ;;
  *) exit "$code" ;;
esac
