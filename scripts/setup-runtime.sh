#!/usr/bin/env bash
# Prepares what TorchSharp needs to load on this machine and prints the path of
# the `dotnet` to use.
#
# Why this exists: TorchSharp-cpu 0.107.0's native glue (libLibTorchSharp.so)
# needs GLIBCXX_3.4.32 (GCC 13's C++ runtime). Debian 12 ships GCC 12's. Where
# the system runtime has the symbol (Ubuntu 24.04, Debian 13, Fedora 39+), this
# prints the system `dotnet` and does nothing else. Otherwise it fetches Debian
# 13's libc6/libgcc-s1/libstdc++6 packages with apt (a private sources list, the
# system's own mirror, nothing installed system-wide), unpacks them, copies the
# .NET root and points the copy's `dotnet` at the newer loader with patchelf.
# Everything lands in the cache folder and is reused on later runs.
set -euo pipefail

cache="${FACETCL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/facetcl}/runtime"
system_dotnet="$(command -v dotnet || true)"
[ -n "$system_dotnet" ] || { echo "setup-runtime: the .NET SDK (dotnet) is not on PATH; install .NET SDK 10" >&2; exit 1; }

has_symbol() {
  local lib
  for lib in /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
    [ -e "$lib" ] && grep -aq 'GLIBCXX_3\.4\.32' "$lib" && return 0
  done
  return 1
}

if has_symbol; then
  echo "$system_dotnet"
  exit 0
fi

if [ -x "$cache/dotnet/dotnet" ] && [ -f "$cache/.complete" ]; then
  echo "$cache/dotnet/dotnet"
  exit 0
fi

log() { echo "setup-runtime: $*" >&2; }
log "system C++ runtime lacks GLIBCXX_3.4.32; preparing a private newer runtime in $cache (one time, ~2 min)"
rm -rf "$cache"
mkdir -p "$cache/apt/lists/partial" "$cache/apt/archives/partial" "$cache/debs" "$cache/root"

command -v patchelf >/dev/null || { log "installing patchelf"; apt-get install -y -qq patchelf >&2 || { apt-get update -qq >&2 && apt-get install -y -qq patchelf >&2; }; }

# Use the mirror the system is already configured with, for suite trixie.
mirror="$(grep -hE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  | grep -v security | grep -oE 'https?://[^ ]+/debian/?' | head -n1 || true)"
[ -n "$mirror" ] || { log "cannot find a Debian mirror in the apt configuration"; exit 1; }
echo "deb ${mirror%/} trixie main" > "$cache/apt/sources.list"
aptopts=(-o "Dir::Etc::SourceList=$cache/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
         -o "Dir::State::Lists=$cache/apt/lists" -o "Dir::Cache::Archives=$cache/apt/archives"
         -o APT::Sandbox::User=root)
apt-get "${aptopts[@]}" update -qq >&2
(cd "$cache/debs" && apt-get "${aptopts[@]}" download libc6 libgcc-s1 libstdc++6 >&2)
for deb in "$cache"/debs/*.deb; do dpkg -x "$deb" "$cache/root"; done

libdir="$cache/root/usr/lib/x86_64-linux-gnu"
[ -e "$libdir/ld-linux-x86-64.so.2" ] || libdir="$cache/root/lib/x86_64-linux-gnu"
[ -e "$libdir/ld-linux-x86-64.so.2" ] || { log "unpacked packages lack ld-linux-x86-64.so.2"; exit 1; }

# A symlinked root does not work: the test host would start through the system muxer.
cp -a "$(dirname "$(readlink -f "$system_dotnet")")" "$cache/dotnet"
patchelf --set-interpreter "$libdir/ld-linux-x86-64.so.2" --set-rpath "$libdir" "$cache/dotnet/dotnet"
rm -rf "$cache/apt" "$cache/debs"
touch "$cache/.complete"
log "ready: $cache/dotnet/dotnet"
echo "$cache/dotnet/dotnet"
