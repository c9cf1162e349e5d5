// An integer expression over size symbols, c + Σ k_i * s_i: the only shape
// arithmetic the scenarios need (sizes, +/- constants, scaling), kept as a
// value type so it can be compared, hashed into replacements and printed the
// way sympy's str() prints the same expression.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace bwhop::tracing {

// True when symbol `a` sorts before `b` by name ("s<id>" compared as strings,
// so s10 < s100 < s2 < s9), the order sympy prints Add terms in.
bool symbol_name_less(int a, int b);

// The printed name of a size symbol: `s<id>`.
std::string symbol_name(int id);

struct SymLinear {
  int64_t constant = 0;
  // (symbol id, coefficient != 0), sorted by symbol_name_less, ids unique.
  std::vector<std::pair<int, int64_t>> terms;

  static SymLinear of_constant(int64_t c);
  static SymLinear of_symbol(int id);
  // Sorts, merges repeated ids and drops zero coefficients.
  static SymLinear normalized(int64_t constant, std::vector<std::pair<int, int64_t>> terms);

  bool is_constant() const { return terms.empty(); }
  // The symbol when the expression is exactly one symbol (coefficient 1, constant 0).
  std::optional<int> as_symbol() const;
  // Coefficient of `id` (0 when absent); O(log terms).
  int64_t coefficient(int id) const;

  SymLinear operator+(const SymLinear& other) const;
  SymLinear operator-(const SymLinear& other) const;
  // Scaling; a product of two non-constant expressions is not linear, so callers
  // multiply by a constant only.
  SymLinear operator*(int64_t factor) const;
  bool operator==(const SymLinear& other) const = default;

  // sympy's str(): `s7 + 1`, `s0 - 1`, `2*s3 + 5`, `-s1`, `s2 + s9`, `3 - s1`.
  std::string str() const;
};

} // namespace bwhop::tracing
