#include "core/tracing/callable_target.h"

#include <any>
#include <mutex>
#include <unordered_map>

#include "core/fx/node.h"

namespace bwhop::tracing {

namespace {
struct Registry {
  std::mutex mutex;
  std::unordered_map<const fx::Target*, CallablePtr> by_target;
};
Registry& registry() {
  static Registry r;
  return r;
}
} // namespace

void register_callable(const fx::Target* target, CallablePtr callable) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  r.by_target[target] = std::move(callable);
}

void attach_callable(fx::Node& node, CallablePtr callable) {
  node.set_meta(kCallableMetaKey, std::move(callable));
}

const CallableTarget* find_callable(const fx::Node& node) {
  if (const std::any* a = node.find_meta(kCallableMetaKey))
    if (const CallablePtr* p = std::any_cast<CallablePtr>(a)) return p->get();
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  auto it = r.by_target.find(node.function());
  return it == r.by_target.end() ? nullptr : it->second.get();
}

} // namespace bwhop::tracing
