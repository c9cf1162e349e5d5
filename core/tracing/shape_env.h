// The symbolic-shape environment (PyTorch's ShapeEnv, miniature): creates size
// symbols with PyTorch's ids (sha256 of the source name), duck-sizes and 0/1
// specializes tensor dims, records guards, and turns equality guards into
// replacements so that expressions print with what the guards proved.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/fx/sym_expr.h"
#include "core/tracing/sym_linear.h"

namespace bwhop::tracing {

// An integer interval; nullopt ends are -inf / +inf (PyTorch's int_oo).
struct ValueRange {
  std::optional<int64_t> lower;
  std::optional<int64_t> upper;
  bool operator==(const ValueRange& other) const = default;
};

class ShapeEnv : public std::enable_shared_from_this<ShapeEnv> {
public:
  static std::shared_ptr<ShapeEnv> create();

  // int(sha256(utf8(source_name)).hexdigest(), 16) % 100, then +1 while taken
  // (no wrap-around). Marks the id taken.
  int generate_unique_id(const std::string& source_name);

  // A tensor dimension: `is_static` → the hint as a constant; 0/1 → constant;
  // `duck` → the symbol an earlier duck-sized dim with the same hint got; else a
  // new symbol with range [2, inf].
  SymLinear create_size(const std::string& source_name, int64_t hint, bool is_static, bool duck);
  // An unspecialized int (DimDynamic.DYNAMIC): always a new symbol, even for 0/1,
  // never duck-sized, range (-inf, inf).
  SymLinear create_unspecified_int(const std::string& source_name, int64_t hint);

  int64_t hint(int symbol_id) const;
  ValueRange range(int symbol_id) const;
  int64_t evaluate(const SymLinear& e) const;   // value under the hints
  SymLinear simplify(const SymLinear& e) const; // replacements applied fully

  // Guards a == b. Throws std::runtime_error when the hints disagree. When the
  // simplified sides differ, records the guard `Eq(a, b)` and, as
  // ShapeEnv._maybe_guard_rel does, solves for the symbol with the largest
  // (hint, name) and records a replacement when the solution is integral and
  // keeps the symbol's value range.
  void guard_equal(const SymLinear& a, const SymLinear& b);
  // Specializes e to its hint (guard_int): guard_equal(e, evaluate(e)).
  int64_t guard_int(const SymLinear& e);

  // Guards in recording order, printed as sympy prints them when recorded.
  const std::vector<std::string>& guards() const { return guards_; }
  // Symbols in creation order, and the source each was created for.
  std::vector<int> symbols() const { return creation_order_; }
  const std::string& source_of(int symbol_id) const;
  bool is_replaced(int symbol_id) const { return replacements_.contains(symbol_id); }

  // A printable FX expression bound to this env; it prints simplify(e) at print
  // time, so nodes made before a later specialization print the specialized value.
  fx::SymExprPtr fx_expr(const SymLinear& e);

private:
  ShapeEnv() = default;

  struct Symbol {
    std::string source;
    int64_t hint = 0;
    ValueRange range;
  };

  int new_symbol(const std::string& source_name, int64_t hint, ValueRange range);
  const Symbol& symbol(int symbol_id) const;
  ValueRange bound(const SymLinear& e) const;
  void maybe_replace(const SymLinear& difference);
  void set_replacement(int symbol_id, const SymLinear& target);
  // The replacement of a replaced symbol with all replacements in it applied;
  // compresses the chain it walks (iteratively, so long chains cannot overflow).
  const SymLinear& resolved(int symbol_id) const;
  bool is_fully_resolved(const SymLinear& e) const;
  SymLinear substitute_resolved(const SymLinear& e) const;

  // Taken symbol ids, each mapped to an id at or above the next free one.
  std::unordered_map<int, int> next_free_;
  std::unordered_map<int, Symbol> symbols_;
  std::vector<int> creation_order_;
  std::unordered_map<int64_t, int> duck_symbol_of_hint_;
  mutable std::unordered_map<int, SymLinear> replacements_; // compressed on read
  std::vector<std::string> guards_;
};

} // namespace bwhop::tracing
