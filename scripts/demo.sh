#!/usr/bin/env bash
# Runs the provider's main job end to end against the local Toloka emulator:
#   1. apply a project with a pool, then open the pool as if tasks had been uploaded;
#   2. apply archived = true: the update closes and archives the pool, archives the
#      project, and waits on each of Toloka's operations;
#   3. plan: nothing to change.
# Then prints what Toloka was asked, from the emulator's request log.
# Expects `make build` first. DEMO_OPERATION_DELAY sets how long each operation takes.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tf=${TERRAFORM:-terraform}
emulator="$root/bin/toloka-emulator"
delay=${DEMO_OPERATION_DELAY:-4s}
key=demo-api-key
work=$(mktemp -d)
emulator_pid=

cleanup() {
  [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$emulator" -listen 127.0.0.1:0 -api-key "$key" -operation-delay "$delay" >"$work/emulator.log" 2>&1 &
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
controls=${url%/api/v1}/_emulator
echo "Toloka emulator serving $url (each operation takes $delay)"

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

# heading TEXT prints a step's heading.
heading() {
  printf '\n== %s\n' "$*"
}

# api METHOD PATH sends an authenticated API request and prints the answer.
api() {
  curl -sS --fail-with-body -X "$1" -H "Authorization: ApiKey $key" "$url$2"
}

# field NAME prints the string member NAME of the JSON object on stdin.
field() {
  sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"
}

# open_pool ID does what a requester does once the tasks are uploaded: opens
# the pool and waits for the POOL.OPEN operation. The emulator's control
# stands in for the upload.
open_pool() {
  curl -sS --fail-with-body -X PUT -H 'Content-Type: application/json' -d '{"has_tasks": true}' \
    "$controls/pools/$1/tasks"
  local op status
  op=$(api POST "/pools/$1/open" | field id)
  for _ in $(seq 240); do
    status=$(api GET "/operations/$op" | field status)
    case $status in
      SUCCESS) return 0 ;;
      FAIL) echo "opening pool $1 failed" >&2; return 1 ;;
    esac
    sleep 0.5
  done
  echo "pool $1 did not open" >&2
  return 1
}

# log_position prints the number of the latest request in the emulator's log.
log_position() {
  "$emulator" requests -url "$url" -last
}

timed() {
  local started=$SECONDS
  "$@"
  echo "(took $((SECONDS - started)) s)"
}

# terraform runs the CLI, leaving out the warning it prints on every command
# that development overrides are in effect (said once, above).
terraform() {
  "$tf" "$@" "${color[@]}" | drop_override_warning
}

# drop_override_warning copies its input but the override warning: the lines
# from its title to the one ending "releases.", and the blank line or the top
# of the box (in color) before it and the bottom of the box after it.
drop_override_warning() {
  local line held= holding=0 skipping=0 closing=0
  while IFS= read -r line; do
    if [ $closing = 1 ]; then
      closing=0
      [[ $line == *╵* ]] && continue
    fi
    if [ $skipping = 1 ]; then
      [[ $line == *releases.* ]] && skipping=0 closing=1
      continue
    fi
    if [[ $line == *"Provider development overrides are in effect"* ]]; then
      skipping=1 holding=0
      continue
    fi
    [ $holding = 0 ] || printf '%s\n' "$held"
    holding=0
    if [[ -z $line || $line == *╷* ]]; then
      held=$line holding=1
    else
      printf '%s\n' "$line"
    fi
  done
  [ $holding = 0 ] || printf '%s\n' "$held"
}

echo "Terraform runs the provider built in bin/ through a dev_overrides CLI configuration; the demo leaves out"
echo "the warning Terraform prints about it on every command."

heading "1. terraform apply: a project with a pool"
step1=$(log_position)
timed terraform apply -auto-approve -input=false
pool=$("$tf" output -json pool | field id)
echo "Opening pool $pool, as if its tasks had been uploaded (POST /pools/$pool/open, then waiting for POOL.OPEN)"
open_pool "$pool"

heading "2. terraform apply -var labeling_done=true: the update archives the project and its open pool"
echo "archive_pools = true: the provider closes the pool, archives it, then archives the project, waiting on each operation"
step2=$(log_position)
timed terraform apply -auto-approve -input=false -var labeling_done=true

heading "3. terraform plan -var labeling_done=true: nothing to change"
step3=$(log_position)
set +e
terraform plan -input=false -detailed-exitcode -var labeling_done=true
code=$?
set -e
case $code in
  0) echo "demo: the plan is clean" ;;
  2) echo "demo: the plan after apply is not empty" >&2; exit 1 ;;
  *) exit "$code" ;;
esac

heading "What Toloka was asked, in order (the emulator's request log)"
echo "-- 1. apply, then the demo opens the pool"
"$emulator" requests -url "$url" -from "$step1" -to "$step2"
echo "-- 2. apply with labeling_done = true"
"$emulator" requests -url "$url" -from "$step2" -to "$step3"
echo "-- 3. plan"
"$emulator" requests -url "$url" -from "$step3"
