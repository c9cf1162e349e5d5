#include "core/tracing/shape_env.h"

#include <algorithm>
#include <openssl/evp.h>
#include <stdexcept>
#include <tuple>

namespace bwhop::tracing {

namespace {

// Floor / ceil of a / b for b != 0 (C++ division truncates toward zero).
int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int64_t ceil_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) == (b < 0))) ? q + 1 : q;
}

ValueRange intersect(const ValueRange& a, const ValueRange& b) {
  ValueRange out = a;
  if (b.lower && (!out.lower || *b.lower > *out.lower)) out.lower = b.lower;
  if (b.upper && (!out.upper || *b.upper < *out.upper)) out.upper = b.upper;
  return out;
}

bool is_subset(const ValueRange& inner, const ValueRange& outer) {
  bool lower_ok = !outer.lower || (inner.lower && *inner.lower >= *outer.lower);
  bool upper_ok = !outer.upper || (inner.upper && *inner.upper <= *outer.upper);
  return lower_ok && upper_ok;
}

// One end of a range while it is summed: finite (value) or infinite. A plain
// struct rather than std::optional<__int128>, which GCC 12 -O2 misreads as
// maybe-uninitialized.
struct WideEnd {
  bool finite = true;
  __int128 value = 0;
};

// A bound past int64 is as good as infinite for deciding replacements.
std::optional<int64_t> narrow(const WideEnd& v) {
  if (!v.finite || v.value > INT64_MAX || v.value < INT64_MIN) return std::nullopt;
  return static_cast<int64_t>(v.value);
}

class BoundSymExpr final : public fx::SymExpr {
public:
  BoundSymExpr(std::shared_ptr<const ShapeEnv> env, SymLinear e)
      : env_(std::move(env)), e_(std::move(e)) {}
  std::string str() const override { return env_->simplify(e_).str(); }

private:
  std::shared_ptr<const ShapeEnv> env_;
  SymLinear e_;
};

} // namespace

std::shared_ptr<ShapeEnv> ShapeEnv::create() {
  return std::shared_ptr<ShapeEnv>(new ShapeEnv());
}

int ShapeEnv::generate_unique_id(const std::string& source_name) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(source_name.data(), source_name.size(), digest, &length, EVP_sha256(), nullptr) !=
      1) {
    throw std::runtime_error("sha256 failed for symbol source " + source_name);
  }
  // The digest read as one big-endian integer, reduced mod 100 byte by byte.
  int id = 0;
  for (unsigned int i = 0; i < length; ++i) id = (id * 256 + digest[i]) % 100;
  // Linear probing upward, as PyTorch does; taken ids point past themselves
  // (path-compressed), so a run of taken ids is skipped in one hop.
  std::vector<int> path;
  for (auto it = next_free_.find(id); it != next_free_.end(); it = next_free_.find(id)) {
    path.push_back(id);
    id = it->second;
  }
  for (int taken : path) next_free_[taken] = id + 1;
  next_free_[id] = id + 1;
  return id;
}

int ShapeEnv::new_symbol(const std::string& source_name, int64_t hint, ValueRange range) {
  int id = generate_unique_id(source_name);
  symbols_.emplace(id, Symbol{source_name, hint, range});
  creation_order_.push_back(id);
  return id;
}

SymLinear ShapeEnv::create_size(const std::string& source_name, int64_t hint, bool is_static,
                                bool duck) {
  if (hint < 0) {
    throw std::invalid_argument("negative size " + std::to_string(hint) + " for " + source_name);
  }
  if (is_static || hint == 0 || hint == 1) return SymLinear::of_constant(hint);
  if (duck) {
    if (auto it = duck_symbol_of_hint_.find(hint); it != duck_symbol_of_hint_.end()) {
      return SymLinear::of_symbol(it->second);
    }
  }
  int id = new_symbol(source_name, hint, ValueRange{2, std::nullopt});
  if (duck) duck_symbol_of_hint_.emplace(hint, id);
  return SymLinear::of_symbol(id);
}

SymLinear ShapeEnv::create_unspecified_int(const std::string& source_name, int64_t hint) {
  return SymLinear::of_symbol(new_symbol(source_name, hint, ValueRange{}));
}

const ShapeEnv::Symbol& ShapeEnv::symbol(int symbol_id) const {
  auto it = symbols_.find(symbol_id);
  if (it == symbols_.end()) {
    throw std::out_of_range("unknown symbol " + symbol_name(symbol_id));
  }
  return it->second;
}

int64_t ShapeEnv::hint(int symbol_id) const {
  return symbol(symbol_id).hint;
}

ValueRange ShapeEnv::range(int symbol_id) const {
  return symbol(symbol_id).range;
}

const std::string& ShapeEnv::source_of(int symbol_id) const {
  return symbol(symbol_id).source;
}

int64_t ShapeEnv::evaluate(const SymLinear& e) const {
  SymLinear value = SymLinear::of_constant(e.constant);
  for (const auto& [id, k] : e.terms) value = value + SymLinear::of_constant(hint(id)) * k;
  return value.constant;
}

ValueRange ShapeEnv::bound(const SymLinear& e) const {
  WideEnd lower{true, e.constant};
  WideEnd upper{true, e.constant};
  auto add = [](WideEnd& sum, int64_t k, const std::optional<int64_t>& end) {
    if (!sum.finite) return;
    if (!end) {
      sum.finite = false;
      return;
    }
    sum.value += __int128(k) * *end;
  };
  for (const auto& [id, k] : e.terms) {
    const ValueRange& r = symbol(id).range;
    // A positive coefficient keeps the ends; a negative one swaps them.
    add(lower, k, k > 0 ? r.lower : r.upper);
    add(upper, k, k > 0 ? r.upper : r.lower);
  }
  return ValueRange{narrow(lower), narrow(upper)};
}

bool ShapeEnv::is_fully_resolved(const SymLinear& e) const {
  return std::none_of(e.terms.begin(), e.terms.end(),
                      [&](const auto& t) { return replacements_.contains(t.first); });
}

SymLinear ShapeEnv::substitute_resolved(const SymLinear& e) const {
  std::vector<std::pair<int, int64_t>> terms;
  int64_t constant = e.constant;
  for (const auto& [id, k] : e.terms) {
    auto it = replacements_.find(id);
    if (it == replacements_.end()) {
      terms.emplace_back(id, k);
      continue;
    }
    SymLinear scaled = it->second * k;
    constant =
        (SymLinear::of_constant(constant) + SymLinear::of_constant(scaled.constant)).constant;
    terms.insert(terms.end(), scaled.terms.begin(), scaled.terms.end());
  }
  return SymLinear::normalized(constant, std::move(terms));
}

const SymLinear& ShapeEnv::resolved(int symbol_id) const {
  // Post-order walk over replacements that still mention replaced symbols;
  // replacements never form cycles (a target never mentions its own symbol).
  std::vector<int> pending{symbol_id};
  while (!pending.empty()) {
    SymLinear& expr = replacements_.at(pending.back());
    bool waits = false;
    for (const auto& [id, k] : expr.terms) {
      auto it = replacements_.find(id);
      if (it != replacements_.end() && !is_fully_resolved(it->second)) {
        pending.push_back(id);
        waits = true;
      }
    }
    if (waits) continue;
    if (!is_fully_resolved(expr)) expr = substitute_resolved(expr);
    pending.pop_back();
  }
  return replacements_.at(symbol_id);
}

SymLinear ShapeEnv::simplify(const SymLinear& e) const {
  if (is_fully_resolved(e)) return e;
  for (const auto& [id, k] : e.terms) {
    if (replacements_.contains(id)) resolved(id);
  }
  return substitute_resolved(e);
}

void ShapeEnv::guard_equal(const SymLinear& a, const SymLinear& b) {
  SymLinear lhs = simplify(a);
  SymLinear rhs = simplify(b);
  int64_t lhs_value = evaluate(lhs);
  int64_t rhs_value = evaluate(rhs);
  if (lhs_value != rhs_value) {
    throw std::runtime_error("guard Eq(" + lhs.str() + ", " + rhs.str() +
                             ") fails under the hints (" + std::to_string(lhs_value) +
                             " != " + std::to_string(rhs_value) + ")");
  }
  SymLinear difference = lhs - rhs;
  if (difference.is_constant()) return; // statically true: no guard
  guards_.push_back("Eq(" + lhs.str() + ", " + rhs.str() + ")");
  maybe_replace(difference);
}

int64_t ShapeEnv::guard_int(const SymLinear& e) {
  int64_t value = evaluate(e);
  guard_equal(e, SymLinear::of_constant(value));
  return value;
}

void ShapeEnv::maybe_replace(const SymLinear& difference) {
  // PyTorch gives up on expressions with more than five free symbols.
  if (difference.terms.size() > 5) return;
  // Solve for the symbol with the largest (hint, name): later/larger symbols are
  // simplified out first. Only that one symbol is tried, as in PyTorch.
  auto key = [&](int id) { return std::tuple(hint(id), symbol_name(id)); };
  int chosen = difference.terms.front().first;
  for (const auto& [id, k] : difference.terms) {
    if (key(id) > key(chosen)) chosen = id;
  }
  int64_t k = difference.coefficient(chosen);
  // chosen = -(difference - k*chosen) / k, kept only when every coefficient divides.
  SymLinear rest = difference - SymLinear::of_symbol(chosen) * k;
  if (rest.constant % k != 0) return;
  SymLinear target = SymLinear::of_constant(-rest.constant / k);
  for (const auto& [id, c] : rest.terms) {
    if (c % k != 0) return;
    target.terms.emplace_back(id, -c / k);
  }
  set_replacement(chosen, target);
}

void ShapeEnv::set_replacement(int symbol_id, const SymLinear& target) {
  Symbol& replaced = symbols_.at(symbol_id);
  const ValueRange source_range = replaced.range;
  ValueRange target_range = bound(target);
  replaced.range = intersect(replaced.range, target_range);
  // A one-symbol target can inherit the replaced symbol's range: from
  // s = k*t + c, t lies in [(lo - c)/k, (hi - c)/k] rounded inward.
  if (!is_subset(target_range, source_range) && target.terms.size() == 1) {
    auto [t, k] = target.terms.front();
    auto solve = [&](const std::optional<int64_t>& end, bool round_up) -> std::optional<int64_t> {
      if (!end) return std::nullopt;
      __int128 shifted = __int128(*end) - target.constant;
      if (shifted > INT64_MAX || shifted < INT64_MIN) return std::nullopt;
      auto s = static_cast<int64_t>(shifted);
      return round_up ? ceil_div(s, k) : floor_div(s, k);
    };
    ValueRange t_range =
        k > 0 ? ValueRange{solve(replaced.range.lower, true), solve(replaced.range.upper, false)}
              : ValueRange{solve(replaced.range.upper, true), solve(replaced.range.lower, false)};
    symbols_.at(t).range = intersect(symbols_.at(t).range, t_range);
    target_range = bound(target);
  }
  // Never replace a symbol by something that could leave its range.
  if (!is_subset(target_range, source_range)) return;
  replacements_[symbol_id] = target;
}

fx::SymExprPtr ShapeEnv::fx_expr(const SymLinear& e) {
  return std::make_shared<BoundSymExpr>(shared_from_this(), e);
}

} // namespace bwhop::tracing
