// FX node arguments (torch.fx.node.Argument): None, bool, int, float, str,
// dtype, device, a Node, lists, tuples, slices, string-keyed dicts, a call
// target passed as a value, and an opaque constant that knows its repr.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "core/tensor/scalar_type.h"

namespace bwhop::fx {

class Node;
class Target;
class Argument;

struct NoneArg {
  bool operator==(const NoneArg&) const = default;
};

// torch.device: repr `device(type='cpu')`, str `cpu` / `cuda:0`. The type
// string is interned, so a Device stays small inside an Argument.
class Device {
public:
  Device(std::string_view type = "cpu", int index = -1);
  std::string_view type() const { return type_; }
  int index() const { return index_; }
  bool operator==(const Device& o) const { return type_ == o.type_ && index_ == o.index_; }

private:
  std::string_view type_;
  int index_;
};

// An escape for constants FX has no case for (memory formats, layouts, enum
// members, Python objects of higher layers): they print through their own repr.
class OpaqueValue {
public:
  virtual ~OpaqueValue() = default;
  virtual std::string repr() const = 0;              // as generated code shows it
  virtual std::string str() const { return repr(); } // as print(graph) shows it
};
using OpaquePtr = std::shared_ptr<const OpaqueValue>;

struct ArgList {
  std::vector<Argument> items;
};
struct ArgTuple {
  std::vector<Argument> items;
};
struct ArgSlice {
  std::vector<Argument> parts; // start, stop, step
};
// A dict with string keys, in insertion order: entries alternate key (a str
// Argument) and value.
struct ArgDict {
  std::vector<Argument> entries;
  std::size_t size() const { return entries.size() / 2; }
  const std::string& key(std::size_t i) const;
  const Argument& value(std::size_t i) const { return entries[2 * i + 1]; }
  void add(std::string key, Argument value);
};

class Argument {
public:
  using Value =
      std::variant<NoneArg, bool, int64_t, double, std::string, tensor::ScalarType, Device, Node*,
                   ArgList, ArgTuple, ArgSlice, ArgDict, OpaquePtr, const Target*>;

  Argument() = default;
  Argument(std::nullptr_t) {}
  Argument(NoneArg) {}
  Argument(bool v) : v_(v) {}
  template <class I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  Argument(I v) : v_(static_cast<int64_t>(v)) {}
  Argument(double v) : v_(v) {}
  Argument(const char* v) : v_(std::string(v)) {}
  Argument(std::string v) : v_(std::move(v)) {}
  Argument(std::string_view v) : v_(std::string(v)) {}
  Argument(tensor::ScalarType v) : v_(v) {}
  Argument(Device v) : v_(std::move(v)) {}
  Argument(Node* v) { // a null node is None, as map_arg to None gives
    if (v != nullptr) v_ = v;
  }
  Argument(ArgList v) : v_(std::move(v)) {}
  Argument(ArgTuple v) : v_(std::move(v)) {}
  Argument(ArgSlice v) : v_(std::move(v)) {}
  Argument(ArgDict v) : v_(std::move(v)) {}
  Argument(OpaquePtr v) : v_(std::move(v)) {}
  Argument(const Target* v) : v_(v) {}

  static Argument list(std::vector<Argument> items) { return ArgList{std::move(items)}; }
  static Argument tuple(std::vector<Argument> items) { return ArgTuple{std::move(items)}; }
  static Argument slice(Argument start, Argument stop, Argument step) {
    return ArgSlice{{std::move(start), std::move(stop), std::move(step)}};
  }

  const Value& value() const { return v_; }
  Value& value() { return v_; }
  template <class T> bool is() const { return std::holds_alternative<T>(v_); }
  template <class T> const T* get_if() const { return std::get_if<T>(&v_); }
  bool is_none() const { return is<NoneArg>(); }
  Node* node() const {
    auto p = std::get_if<Node*>(&v_);
    return p ? *p : nullptr;
  }

private:
  Value v_;
};

struct Kwarg {
  std::string key;
  Argument value;
};

using Args = std::vector<Argument>;
using Kwargs = std::vector<Kwarg>;

// Calls f(Node*) for every node inside `arg`, depth first, left to right.
template <class F> void for_each_node(const Argument& arg, F&& f) {
  const Argument::Value& v = arg.value();
  switch (v.index()) {
  case 7:
    f(std::get<Node*>(v));
    break;
  case 8:
    for (const Argument& a : std::get<ArgList>(v).items) for_each_node(a, f);
    break;
  case 9:
    for (const Argument& a : std::get<ArgTuple>(v).items) for_each_node(a, f);
    break;
  case 10:
    for (const Argument& a : std::get<ArgSlice>(v).parts) for_each_node(a, f);
    break;
  case 11:
    for (const Argument& a : std::get<ArgDict>(v).entries) for_each_node(a, f);
    break;
  default:
    break;
  }
}

// torch.fx.node.map_arg: a copy of `arg` with every node n replaced by f(n).
template <class F> Argument map_nodes(const Argument& arg, F&& f) {
  const Argument::Value& v = arg.value();
  auto map_all = [&](const std::vector<Argument>& items) {
    std::vector<Argument> out;
    out.reserve(items.size());
    for (const Argument& a : items) out.push_back(map_nodes(a, f));
    return out;
  };
  switch (v.index()) {
  case 7:
    return Argument(f(std::get<Node*>(v)));
  case 8:
    return ArgList{map_all(std::get<ArgList>(v).items)};
  case 9:
    return ArgTuple{map_all(std::get<ArgTuple>(v).items)};
  case 10:
    return ArgSlice{map_all(std::get<ArgSlice>(v).parts)};
  case 11:
    return ArgDict{map_all(std::get<ArgDict>(v).entries)};
  default:
    return arg;
  }
}

// Python's repr of a dtype (`torch.float32`) and device.
std::string dtype_repr(tensor::ScalarType dtype);
std::string device_repr(const Device& device);
std::string device_str(const Device& device);

} // namespace bwhop::fx

namespace bwhop::fx {

inline const std::string& ArgDict::key(std::size_t i) const {
  return *entries[2 * i].get_if<std::string>();
}

inline void ArgDict::add(std::string key, Argument value) {
  entries.emplace_back(std::move(key));
  entries.push_back(std::move(value));
}

} // namespace bwhop::fx
