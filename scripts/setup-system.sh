#!/usr/bin/env bash
# Installs the Debian packages facetcl needs, only those missing (quick when all are there):
# patchelf (scripts/setup-runtime.sh), Link Grammar and WordNet (anchoring), and chromium, the browser
# the dashboard's browser test drives headless through Playwright (Playwright's own browser download
# is not used).
set -euo pipefail
needed=(patchelf link-grammar liblink-grammar5 wordnet-base chromium)
missing=()
for p in "${needed[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing ${missing[*]}" >&2
$sudo apt-get install -y -qq "${missing[@]}" >&2 || { $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq "${missing[@]}" >&2; }
