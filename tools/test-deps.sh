#!/bin/sh
# What the tests need outside npm: Chromium for the browser tests, and PyTorch and
# scikit-learn for Debian's /usr/bin/python3 (reference numbers, exported programs). Installs
# what is missing when it can (apt-get, as root or with password-less sudo); otherwise says
# at once what is missing and the command that installs it, and fails. Never waits.
set -eu

need=""
if [ -n "${CHROMIUM_PATH:-}" ]; then
  # A browser of the user's choice: not ours to install, only to report.
  if [ ! -f "$CHROMIUM_PATH" ]; then
    echo "test-deps: CHROMIUM_PATH=$CHROMIUM_PATH does not exist; point it at a Chromium binary, or unset it and run: sudo apt-get install -y chromium" >&2
    exit 1
  fi
elif [ ! -x /usr/bin/chromium ]; then
  need="chromium"
fi
/usr/bin/python3 -c 'import torch, sklearn' 2>/dev/null || need="$need python3-torch python3-sklearn"
need=${need# }
[ -z "$need" ] && exit 0

if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    sudo="cannot"
  fi
  if [ "$sudo" != cannot ]; then
    echo "test-deps: installing $need"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086 # $need is a list of package names
    if $sudo apt-get update -qq && $sudo apt-get install -y -qq $need >/dev/null; then exit 0; fi
  fi
fi
echo "test-deps: missing $need; install with: sudo apt-get update && sudo apt-get install -y $need" >&2
exit 1
