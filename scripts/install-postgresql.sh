#!/bin/sh
# Install Debian's PostgreSQL server binaries for the PostgreSQL test suites
# (test/support/postgres.ts starts a throwaway cluster from them; no service is used).
# Idempotent: does nothing when an initdb is already installed. Needs root for the install only
# (CI runs as root). Without root or sudo it only warns: the PostgreSQL suites then report
# themselves as skipped (and fail when CI=true).
set -eu
for bin in /usr/lib/postgresql/*/bin/initdb; do
  if [ -x "$bin" ]; then
    echo "postgresql already installed: $("$bin" --version)"
    exit 0
  fi
done
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; else
    echo "install-postgresql: WARNING: not root and no sudo: PostgreSQL cannot be installed; the PostgreSQL test suites will be SKIPPED" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y postgresql
for bin in /usr/lib/postgresql/*/bin/initdb; do "$bin" --version; done
