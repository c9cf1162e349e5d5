#!/usr/bin/env bash
# Builds the parser fuzzer with clang's libFuzzer, ASan and UBSan, straight
# from the front-end sources (not part of the CMake build).
#   bash fuzz/build.sh            -> build/fuzz/parse_fuzzer
#   build/fuzz/parse_fuzzer -max_total_time=600 build/fuzz/corpus fuzz/seeds
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/build/fuzz}"
mkdir -p "$out/corpus"
clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -fno-omit-frame-pointer -I"$root" \
  "$root/fuzz/parse_fuzzer.cpp" \
  "$root"/core/lang/{intern,ast_arena,ast,token,lexer,syntax_error,parser,parser_expr,parser_strings,ast_dump}.cpp \
  -o "$out/parse_fuzzer"
echo "built $out/parse_fuzzer"
