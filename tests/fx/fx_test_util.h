// Helpers shared by the fx unit tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "core/fx/sym_expr.h"

namespace bwhop::fx::testing {

// A symbolic expression that prints fixed text ("s45", "s45 + 1", "2"): the
// symbolic-shape layer comes later, FX only needs str().
class TextSym : public SymExpr {
public:
  explicit TextSym(std::string text) : text_(std::move(text)) {}
  std::string str() const override { return text_; }

private:
  std::string text_;
};

inline SymExprPtr sym(std::string text) {
  return std::make_shared<TextSym>(std::move(text));
}

// An expected graph text from PyTorch's test: /work/shared/reference/expected/
// when present, else the copy kept in tests/fx/expected/.
inline std::string read_expected(const std::string& file) {
  std::filesystem::path shared = "/work/shared/reference/expected/" + file;
  std::filesystem::path local =
      std::filesystem::path(BWHOP_SOURCE_DIR) / "tests/fx/expected" / file;
  std::ifstream in(std::filesystem::exists(shared) ? shared : local, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Dynamo's graph-input naming: re.sub(r"[^a-zA-Z0-9]+", "_", source_name).
inline std::string dynamo_input_name(const std::string& source_name) {
  std::string out;
  bool in_run = false;
  for (char c : source_name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum)
      out += c;
    else if (!in_run)
      out += '_';
    in_run = !alnum;
  }
  return out;
}

// A Python traceback with the innermost frame last, as Dynamo records them.
inline std::string
traceback(std::initializer_list<std::tuple<std::string, int, std::string, std::string>> frames) {
  std::string out = "Traceback (most recent call last):\n";
  for (const auto& [file, line, fn, code] : frames)
    out += "  File \"" + file + "\", line " + std::to_string(line) + ", in " + fn + "\n    " +
           code + "\n";
  return out;
}

} // namespace bwhop::fx::testing
