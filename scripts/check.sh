#!/usr/bin/env bash
# Style gate: clang-format differences and banned functions in C/C++ sources.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.c' '*.h' '*.cpp')
status=0
if ! clang-format --dry-run -Werror "${files[@]}" 2>/dev/null; then
    echo "check: formatting differs; run: clang-format -i \$(git ls-files '*.c' '*.h' '*.cpp')"
    status=1
fi
banned='\b(strcpy|strcat|sprintf|vsprintf|strtok|atoi|atol|atoll|gets)[[:space:]]*\('
if grep -nE "$banned" "${files[@]}"; then
    echo "check: banned functions above (see CONTRIBUTING.md)"
    status=1
fi
# The library and the command start no process (docs/security.md).
shell='\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|posix_spawn[p]?)[[:space:]]*\('
if grep -nE "$shell" $(git ls-files 'lib/*.c' 'lib/*.cpp' 'cli/*.c'); then
    echo "check: the library and the command must not start processes (docs/security.md)"
    status=1
fi
[ $status -eq 0 ] && echo "check: ok (${#files[@]} files)"
exit $status
