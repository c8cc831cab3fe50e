#!/usr/bin/env bash
# Builds Jaeger v2 (an OpenTelemetry Collector distribution) from its Go module and caches the
# binary; prints the binary's path. A cached binary is reused without touching the network.
#
#   JAEGER_MODULE_VERSION  Go module version (default v1.75.0: the module tag of Jaeger v2.12.0;
#                          Jaeger tags each release twice, v1.x.y/v2.x.y, and the Go module proxy
#                          only serves the v1 line because the module path has no /v2 suffix).
#   L0_STACK_CACHE         cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/l0-stack)
set -euo pipefail

version="${JAEGER_MODULE_VERSION:-v1.75.0}"
cache="${L0_STACK_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/l0-stack}"
bin="$cache/jaeger-$version/jaeger"

if [ -x "$bin" ]; then
  echo "$bin"
  exit 0
fi
if ! command -v go >/dev/null 2>&1 && [ -x /usr/local/go/bin/go ]; then
  PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
  echo "build-jaeger: Go is needed to build Jaeger (go.dev/dl or the distribution's golang package)" >&2
  exit 1
fi

mkdir -p "$cache/jaeger-$version"
# `go install module@version` refuses modules whose go.mod has replace directives (Jaeger's does),
# so fetch the module through the module proxy and build its cmd/jaeger package in place.
dir="$(go mod download -json "github.com/jaegertracing/jaeger@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
if [ -z "$dir" ] || [ ! -d "$dir/cmd/jaeger" ]; then
  echo "build-jaeger: could not download github.com/jaegertracing/jaeger@$version" >&2
  exit 1
fi
started=$(date +%s)
echo "build-jaeger: building Jaeger ($version) from $dir, this takes minutes on a cold cache" >&2
(cd "$dir" && go build -trimpath -o "$bin.partial" ./cmd/jaeger)
mv "$bin.partial" "$bin"
echo "build-jaeger: built in $(( $(date +%s) - started ))s" >&2
echo "$bin"
