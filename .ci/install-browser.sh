#!/usr/bin/env bash
# Install Debian's chromium for the dashboard's browser tests (tests/web), if it is not there yet.
# Idempotent: does nothing when /usr/bin/chromium exists. Playwright drives this binary through
# executable_path; `playwright install` (which downloads its own browser build) is not used.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  echo "chromium present: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium
echo "installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
