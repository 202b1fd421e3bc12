#!/usr/bin/env bash
# Builds the pinned development tools from source, outside the repository and outside the
# provider's go.mod (which they would otherwise disturb), into a cache kept between runs.
#
#   scripts/tools.sh install TOOL...   build the TOOLs that are not cached yet, print their paths
#   scripts/tools.sh path TOOL...      print the paths of cached TOOLs; fail if one is not built yet
#   scripts/tools.sh dir               print the cache directory
#
# TOOL is golangci-lint, goreleaser, terraform (the pinned older release, not the machine's) or
# tofu. The cache directory is $TOLOKA_TOOLS_DIR, by default
# ${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-toloka/bin. Binaries carry their version in
# their name, so bumping a pin below builds the new one next to the old.
set -euo pipefail

GOLANGCI_LINT_VERSION=v2.15.0
# v2.17 needs go.digitalxero.dev/go-msix, which the Go module proxy does not serve.
GORELEASER_VERSION=v2.16.0
TERRAFORM_VERSION=1.5.7    # the last release under the MPL
TOFU_VERSION=1.12.6

tools_dir=${TOLOKA_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-toloka/bin}

die() {
  echo "tools.sh: $*" >&2
  exit 1
}

binary_path() {
  case $1 in
    golangci-lint) echo "$tools_dir/golangci-lint-$GOLANGCI_LINT_VERSION" ;;
    goreleaser) echo "$tools_dir/goreleaser-$GORELEASER_VERSION" ;;
    terraform) echo "$tools_dir/terraform-$TERRAFORM_VERSION" ;;
    tofu) echo "$tools_dir/tofu-$TOFU_VERSION" ;;
    *) die "unknown tool '$1' (known: golangci-lint goreleaser terraform tofu)" ;;
  esac
}

# go_install VERSION PACKAGE COMMAND OUT builds PACKAGE at VERSION with `go install`, which
# names the binary COMMAND.
go_install() {
  (cd "$work" && GOBIN="$work" GOFLAGS=-buildvcs=false go install "$2@$1")
  mv -f "$work/$3" "$4"
}

# build_tofu OUT builds OpenTofu. Its go.mod has a replace directive, so `go install` refuses it:
# download the module, copy it out of the read-only module cache and build it there.
build_tofu() {
  local src
  src=$(cd "$work" && go mod download -json "github.com/opentofu/opentofu@v$TOFU_VERSION" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
  [ -d "$src" ] || die "go mod download did not give the OpenTofu $TOFU_VERSION sources"
  cp -R "$src" "$work/src"
  chmod -R u+w "$work/src"
  (cd "$work/src" && GOFLAGS=-buildvcs=false go build -trimpath \
    -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$work/tofu" ./cmd/tofu)
  mv -f "$work/tofu" "$1"
}

# build TOOL OUT builds TOOL into OUT, working in a scratch directory that is removed however
# the build ends.
build() {
  local out=$2
  work=$(mktemp -d "$tools_dir/.build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  case $1 in
    golangci-lint)
      go_install "$GOLANGCI_LINT_VERSION" github.com/golangci/golangci-lint/v2/cmd/golangci-lint golangci-lint "$out"
      ;;
    goreleaser)
      go_install "$GORELEASER_VERSION" github.com/goreleaser/goreleaser/v2 goreleaser "$out"
      ;;
    terraform)
      go_install "v$TERRAFORM_VERSION" github.com/hashicorp/terraform terraform "$out"
      ;;
    tofu) build_tofu "$out" ;;
  esac
  rm -rf "$work"
  trap - EXIT
}

# install TOOL builds TOOL unless it is cached. A lock keeps concurrent runs from building at
# the same time (each build takes the machine's cores); the binary appears only once complete.
install() {
  local out started
  out=$(binary_path "$1")
  if [ ! -x "$out" ]; then
    exec 9>"$tools_dir/.lock"
    flock 9
    if [ ! -x "$out" ]; then
      echo "tools.sh: building $(basename "$out") into $tools_dir (minutes, once)" >&2
      started=$(date +%s)
      build "$1" "$out"
      echo "tools.sh: built $(basename "$out") in $(($(date +%s) - started)) s" >&2
    fi
    exec 9>&-
  fi
  echo "$out"
}

command=${1:-}
[ $# -gt 0 ] && shift
case $command in
  install)
    mkdir -p "$tools_dir"
    for tool in "$@"; do install "$tool"; done
    ;;
  path)
    for tool in "$@"; do
      out=$(binary_path "$tool")
      [ -x "$out" ] || die "$tool is not built yet: run scripts/tools.sh install $tool"
      echo "$out"
    done
    ;;
  dir) echo "$tools_dir" ;;
  *) die "usage: scripts/tools.sh install|path TOOL... | dir" ;;
esac
