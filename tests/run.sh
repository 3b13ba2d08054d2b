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
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
export PATH="$PWD/.venv/bin:$PATH"
exec .venv/bin/python -m pytest -n 2 -p no:cacheprovider "$@"
