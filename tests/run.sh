#!/usr/bin/env bash
# The project's one test command (README "Test"): installs what the tests need, then runs them.
# System tools for the clipboard and end-to-end tests: Xvfb, xclip, tmux (apt, when root).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for tool in Xvfb:xvfb xclip:xclip tmux:tmux; do
    command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    elif command -v sudo >/dev/null 2>&1; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
        echo "tests/run.sh: missing ${need[*]} (install them for the clipboard and tmux tests)" >&2
    fi
fi

python3 -m venv .venv
# Strict editable mode installs a tree of links under build/, which `lint-imports` can walk
# (the default mode's import hook hides the package-dir mapping from it). Rerunning this
# script picks up added modules.
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]' \
    --config-settings editable_mode=strict
export PATH="$PWD/.venv/bin:$PATH"
lint-imports --no-logo --no-cache
exec .venv/bin/python -m pytest -n 2 -p no:cacheprovider "$@"
