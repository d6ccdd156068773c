#!/usr/bin/env bash
# Configures and builds talentflow into build/ (or $BUILD_DIR).
# Extra arguments go to cmake's configure step, e.g. -DTF_SANITIZE=ON.
# Warnings are errors here (TF_WERROR=ON): developers and CI see them first.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DTF_WERROR=ON "$@" \
    >/dev/null
cmake --build "$build" -j"$(nproc)"
