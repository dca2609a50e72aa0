#!/usr/bin/env bash
# Installs the system tools the tests need when they are missing; does nothing otherwise.
# Debian: 7-Zip (`7zz`) proves archive interop; GNU time measures peak memory in benchmarks;
# libxml2-utils (`xmllint`, libxml2's C parser) is the peer the validation benchmark
# (bench/validate.bench.ts) and the extract index benchmark compare our parser with.
set -euo pipefail

missing=()
command -v 7zz >/dev/null 2>&1 || missing+=(7zip)
[ -x /usr/bin/time ] || missing+=(time)
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "7zz: $(7zz | head -2 | tail -1)"
echo "xmllint: $(xmllint --version 2>&1 | head -1)"
