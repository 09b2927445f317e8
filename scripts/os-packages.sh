#!/bin/sh
# Install the Debian packages listed in docker/os-packages.txt when possible.
# Never fails the build: without root or apt the dependent tests skip with a reason.
set -u
list="$(dirname "$0")/../docker/os-packages.txt"
[ -f "$list" ] || exit 0
pkgs=$(grep -v '^\s*#' "$list" | tr '\n' ' ')
[ -n "$(echo $pkgs | tr -d ' ')" ] || exit 0
missing=""
for p in $pkgs; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
[ -n "$missing" ] || exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: OS packages not installed (need root and apt-get):$missing" >&2
  exit 0
fi
echo "installing OS packages:$missing" >&2
(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing) >/dev/null 2>&1 \
  || echo "note: could not install:$missing" >&2
exit 0
