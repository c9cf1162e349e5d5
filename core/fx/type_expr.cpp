#include "core/fx/type_expr.h"

#include <deque>
#include <map>
#include <mutex>

namespace bwhop::fx {

namespace {

struct TypeRegistry {
  std::mutex mutex;
  std::deque<TypeExpr> storage;
  std::map<std::string, const TypeExpr*, std::less<>> by_key;

  const TypeExpr* intern(std::string key, TypeExpr type) {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = by_key.find(key);
    if (it != by_key.end()) return it->second;
    const TypeExpr* t = &storage.emplace_back(std::move(type));
    by_key.emplace(std::move(key), t);
    return t;
  }
};

TypeRegistry& types() {
  static TypeRegistry r;
  return r;
}

std::string key_of(const TypeExpr& t) {
  std::string key = t.ref.module + "|" + t.ref.name;
  for (const TypeExpr* a : t.args) key += "|" + std::to_string(reinterpret_cast<uintptr_t>(a));
  return key;
}

} // namespace

const TypeExpr* builtin_type(std::string_view name) {
  TypeExpr t{GlobalRef{"builtins", std::string(name), true}, {}};
  std::string key = key_of(t);
  return types().intern(std::move(key), std::move(t));
}

const TypeExpr* class_type(std::string_view module, std::string_view name) {
  TypeExpr t{GlobalRef{std::string(module), std::string(name)}, {}};
  std::string key = key_of(t);
  return types().intern(std::move(key), std::move(t));
}

const TypeExpr* generic_type(const TypeExpr* origin, std::vector<const TypeExpr*> args) {
  TypeExpr t{origin->ref, std::move(args)};
  std::string key = key_of(t);
  return types().intern(std::move(key), std::move(t));
}

std::string plain_type_repr(const TypeExpr& type) {
  std::string out =
      type.ref.module == "builtins" ? type.ref.name : type.ref.module + "." + type.ref.name;
  if (!type.args.empty()) {
    // typing's repr of a generic alias: `list[int]`, arguments joined by ", ".
    out += '[';
    for (std::size_t i = 0; i < type.args.size(); ++i) {
      if (i) out += ", ";
      out += plain_type_repr(*type.args[i]);
    }
    out += ']';
  }
  return out;
}

} // namespace bwhop::fx
