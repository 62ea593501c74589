#!/usr/bin/env bash
# Installs the Debian packages facetcl needs, only those missing (quick when all are there).
set -euo pipefail
needed=(patchelf link-grammar liblink-grammar5 wordnet-base)
missing=()
for p in "${needed[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get install -y -qq "${missing[@]}" >&2 || { $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq "${missing[@]}" >&2; }
