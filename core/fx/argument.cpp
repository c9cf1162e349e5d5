#include "core/fx/argument.h"

#include <mutex>
#include <set>

namespace bwhop::fx {

static_assert(std::is_same_v<std::variant_alternative_t<7, Argument::Value>, Node*>);
static_assert(std::is_same_v<std::variant_alternative_t<8, Argument::Value>, ArgList>);
static_assert(std::is_same_v<std::variant_alternative_t<11, Argument::Value>, ArgDict>);

Device::Device(std::string_view type, int index) : index_(index) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> types;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = types.find(type);
  if (it == types.end()) it = types.emplace(type).first;
  type_ = *it;
}

std::string dtype_repr(tensor::ScalarType dtype) {
  return "torch." + std::string(tensor::scalar_type_name(dtype));
}

std::string device_repr(const Device& device) {
  std::string out = "device(type='" + std::string(device.type()) + "'";
  if (device.index() >= 0) out += ", index=" + std::to_string(device.index());
  return out + ")";
}

std::string device_str(const Device& device) {
  if (device.index() < 0) return std::string(device.type());
  return std::string(device.type()) + ":" + std::to_string(device.index());
}

} // namespace bwhop::fx
