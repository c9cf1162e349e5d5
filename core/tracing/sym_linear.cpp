#include "core/tracing/sym_linear.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string_view>

namespace bwhop::tracing {

namespace {

int64_t checked_add(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out))
    throw std::overflow_error("symbolic size overflows int64");
  return out;
}

int64_t checked_mul(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_mul_overflow(a, b, &out))
    throw std::overflow_error("symbolic size overflows int64");
  return out;
}

// Merges two sorted term lists, adding coefficients (scaled by `sign` on the right).
SymLinear merge(const SymLinear& a, const SymLinear& b, int64_t sign) {
  SymLinear out;
  out.constant = checked_add(a.constant, checked_mul(sign, b.constant));
  out.terms.reserve(a.terms.size() + b.terms.size());
  auto i = a.terms.begin();
  auto j = b.terms.begin();
  while (i != a.terms.end() || j != b.terms.end()) {
    if (j == b.terms.end() || (i != a.terms.end() && symbol_name_less(i->first, j->first))) {
      out.terms.push_back(*i++);
    } else if (i == a.terms.end() || symbol_name_less(j->first, i->first)) {
      out.terms.emplace_back(j->first, checked_mul(sign, j->second));
      ++j;
    } else {
      int64_t k = checked_add(i->second, checked_mul(sign, j->second));
      if (k != 0) out.terms.emplace_back(i->first, k);
      ++i, ++j;
    }
  }
  return out;
}

// `k*s3` / `s3` with the sign left off (the caller prints it as `-` or ` - `).
std::string unsigned_term(int id, int64_t k) {
  std::string magnitude = std::to_string(k);
  if (magnitude.front() == '-') magnitude.erase(0, 1);
  return magnitude == "1" ? symbol_name(id) : magnitude + "*" + symbol_name(id);
}

} // namespace

bool symbol_name_less(int a, int b) {
  char da[16];
  char db[16];
  auto ea = std::to_chars(da, da + sizeof da, a).ptr;
  auto eb = std::to_chars(db, db + sizeof db, b).ptr;
  return std::string_view(da, ea - da) < std::string_view(db, eb - db);
}

std::string symbol_name(int id) {
  return "s" + std::to_string(id);
}

SymLinear SymLinear::of_constant(int64_t c) {
  return SymLinear{c, {}};
}

SymLinear SymLinear::of_symbol(int id) {
  return SymLinear{0, {{id, 1}}};
}

SymLinear SymLinear::normalized(int64_t constant, std::vector<std::pair<int, int64_t>> terms) {
  std::sort(terms.begin(), terms.end(),
            [](const auto& x, const auto& y) { return symbol_name_less(x.first, y.first); });
  SymLinear out = of_constant(constant);
  for (const auto& [id, k] : terms) {
    if (!out.terms.empty() && out.terms.back().first == id) {
      out.terms.back().second = checked_add(out.terms.back().second, k);
    } else {
      out.terms.emplace_back(id, k);
    }
  }
  std::erase_if(out.terms, [](const auto& t) { return t.second == 0; });
  return out;
}

std::optional<int> SymLinear::as_symbol() const {
  if (constant == 0 && terms.size() == 1 && terms[0].second == 1) return terms[0].first;
  return std::nullopt;
}

int64_t SymLinear::coefficient(int id) const {
  auto it = std::lower_bound(terms.begin(), terms.end(), id, [](const auto& t, int wanted) {
    return symbol_name_less(t.first, wanted);
  });
  return it != terms.end() && it->first == id ? it->second : 0;
}

SymLinear SymLinear::operator+(const SymLinear& other) const {
  return merge(*this, other, 1);
}

SymLinear SymLinear::operator-(const SymLinear& other) const {
  return merge(*this, other, -1);
}

SymLinear SymLinear::operator*(int64_t factor) const {
  if (factor == 0) return of_constant(0);
  SymLinear out = of_constant(checked_mul(constant, factor));
  out.terms.reserve(terms.size());
  for (const auto& [id, k] : terms) out.terms.emplace_back(id, checked_mul(k, factor));
  return out;
}

std::string SymLinear::str() const {
  if (terms.empty()) return std::to_string(constant);
  // sympy's special case for a positive number plus one negated term: `3 - s1`.
  if (terms.size() == 1 && constant > 0 && terms[0].second < 0) {
    return std::to_string(constant) + " - " + unsigned_term(terms[0].first, terms[0].second);
  }
  std::string out;
  for (const auto& [id, k] : terms) {
    if (out.empty()) {
      out = (k < 0 ? "-" : "") + unsigned_term(id, k);
    } else {
      out += (k < 0 ? " - " : " + ") + unsigned_term(id, k);
    }
  }
  if (constant != 0) {
    std::string magnitude = std::to_string(constant);
    if (constant < 0) magnitude.erase(0, 1);
    out += (constant < 0 ? " - " : " + ") + magnitude;
  }
  return out;
}

} // namespace bwhop::tracing
