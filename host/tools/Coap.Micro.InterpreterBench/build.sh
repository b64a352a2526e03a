#!/usr/bin/env bash
# Builds the interpreter benchmark (a .NET Framework 4.x exe, with mono's mcs) from the Coap.Micro and
# ThermoDev.Core sources under SOURCE_ROOT and the driver beside this script.
# Usage: build.sh OUTPUT.exe SOURCE_ROOT [OTHER_ROOT...]
# With OTHER_ROOTs, a path runs only if every root's sources have what it needs, so two builds of one
# comparison measure the same paths the same way (an older commit lacks Observe, the client, ...).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: $0 OUTPUT.exe SOURCE_ROOT [OTHER_ROOT...]" >&2
  exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
output="$1"
shift
root="$1"

if ! command -v mcs >/dev/null 2>&1; then
  echo "error: mcs (Mono's C# compiler) is not installed; on Debian or Ubuntu: sudo apt-get install -y mono-devel" >&2
  exit 3
fi

# The library's folders under a root (the client and OSCORE may live in folders of their own).
library_dirs() {
  local dir
  for dir in "$1/Coap.Micro" "$1/Coap.Micro.Client" "$1/Coap.Micro.Oscore"; do
    if [ -d "$dir" ]; then
      printf '%s\n' "$dir"
    fi
  done
}

# What the sources under a root lack (paths that cannot run), as compiler symbols the driver reads.
lacks() {
  local r="$1"
  local -a dirs
  mapfile -t dirs < <(library_dirs "$r")
  if [ ! -d "$r/ThermoDev.Core" ]; then echo NO_THERMODEV; fi
  if ! grep -rqs --include='*.cs' 'public void Changed()' "${dirs[@]}"; then echo NO_OBSERVE; fi
  if ! grep -rqs --include='*.cs' 'well-known' "${dirs[@]}"; then echo NO_DISCOVERY; fi
  if ! grep -rqs --include='*.cs' 'class CoapClient\b' "${dirs[@]}"; then echo NO_CLIENT; fi
  if ! grep -rqs --include='*.cs' 'class OscoreServerSecurity\b' "${dirs[@]}"; then echo NO_OSCORE; fi
}

# How the API of the sources under a root differs from today's (for the build of that root only).
shape() {
  local r="$1"
  local -a dirs
  mapfile -t dirs < <(library_dirs "$r")
  if ! grep -rqs --include='*.cs' 'CoapWritePolicy WritePolicy' "${dirs[@]}"; then echo NO_WRITE_POLICY; fi
  if grep -rqsE --include='*.cs' 'CoapServer\(ICoapTransport transport, ICoapClock clock, (System\.)?Random random' "${dirs[@]}"; then echo LEGACY_RANDOM; fi
  if grep -qs 'ICoapClock clock, int intervalMilliseconds, int maxAgeSeconds' "$r/ThermoDev.Core/SensorReadLoop.cs"; then echo LEGACY_READ_LOOP; fi
}

symbols=""
for r in "$@"; do
  if [ ! -d "$r/Coap.Micro" ]; then
    echo "error: no Coap.Micro folder under $r" >&2
    exit 2
  fi
done
for s in $(for r in "$@"; do lacks "$r"; done; shape "$root"); do
  case ";$symbols;" in
    *";$s;"*) ;;
    *) symbols="${symbols:+$symbols;}$s" ;;
  esac
done

sources="$(mktemp)"
trap 'rm -f "$sources"' EXIT
{
  mapfile -t dirs < <(library_dirs "$root")
  if [ -d "$root/ThermoDev.Core" ]; then
    dirs+=("$root/ThermoDev.Core")
  fi
  find "${dirs[@]}" -name '*.cs' -not -path '*/Properties/*' -not -path '*/bin/*' -not -path '*/obj/*'
  find "$here" -maxdepth 1 -name '*.cs'
} | sort > "$sources"

define=()
if [ -n "$symbols" ]; then
  define=("-define:$symbols")
fi

# C# 7.2 is mcs's newest; the portable sources keep to what it reads.
mcs -langversion:7.2 -optimize+ -debug- -nologo -warn:0 -target:exe "${define[@]}" -out:"$output" "@$sources" >&2
if [ -n "$symbols" ]; then
  echo "built $output from $root (lacking: $symbols)" >&2
else
  echo "built $output from $root" >&2
fi
