#!/usr/bin/env bash
# Installs a build (BUILD_DIR, default build) into a scratch prefix, then builds
# examples/largest_flows.c against the installed library with pkg-config, once
# shared and once static, and runs both on the bundled test panel.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
prefix=$PWD/$build/install-check
rm -rf "$prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
pc=$(dirname "$(find "$prefix" -name talentflow.pc | head -1)")
export PKG_CONFIG_PATH=$pc
cc=${CC:-cc}
$cc -std=c17 -Wall -Wextra -Werror examples/largest_flows.c $(pkg-config --cflags --libs talentflow) \
    -Wl,-rpath,"$(pkg-config --variable=libdir talentflow)" -o "$build/largest_flows"
libdir=$(pkg-config --variable=libdir talentflow)
$cc -std=c17 -Wall -Wextra -Werror examples/largest_flows.c $(pkg-config --cflags talentflow) \
    "$libdir/libtalentflow.a" $(pkg-config --libs --static talentflow | sed 's/-ltalentflow//') \
    -o "$build/largest_flows_static"
# ldd's output is read whole first: grep -q stopping at the first match would end ldd
# with SIGPIPE, which pipefail counts as a failure.
deps=$(ldd "$build/largest_flows")
grep -q "$prefix" <<<"$deps" || { echo "not linked to the installed library"; exit 1; }
for exe in largest_flows largest_flows_static; do
    out=$("$build/$exe" tests/data/cli/panel.csv 3)
    echo "$out"
    # The hand-worked panel: three people move US -> DE in 2002.
    grep -q '^US -> DE 2002: 3$' <<<"$out" || { echo "$exe: unexpected output"; exit 1; }
done
echo "install-check: ok ($prefix)"
