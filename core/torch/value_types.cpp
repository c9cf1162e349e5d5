#include "core/torch/value_types.h"

#include <array>

#include "core/tensor/tensor_print.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using tensor::ScalarType;

namespace {

struct DtypeBox {
  ScalarType type;
};
struct DeviceBox {
  tensor::Device device;
};
struct LayoutBox {
  tensor::Layout layout;
};
struct MemoryFormatBox {
  tensor::MemoryFormat format;
};

constexpr std::array<ScalarType, 5> kDtypes = {ScalarType::Float, ScalarType::Double,
                                               ScalarType::Long, ScalarType::Int, ScalarType::Bool};

lang::Type* layout_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("layout", "torch", nullptr, false);
    native::def_method(ty, "__repr__",
                       [](const lang::Args&) { return native::make_str("torch.strided"); });
    return ty;
  }();
  return t;
}

lang::Type* memory_format_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("memory_format", "torch", nullptr, false);
    native::def_method(ty, "__repr__", [](const lang::Args& a) {
      return native::make_str(
          tensor::IValue(native::native_cast<MemoryFormatBox>(a[0])->format).repr());
    });
    return ty;
  }();
  return t;
}

} // namespace

lang::Type* dtype_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("dtype", "torch", nullptr, false);
    native::def_method(ty, "__repr__", [](const lang::Args& a) {
      return native::make_str(tensor::dtype_repr(native::native_cast<DtypeBox>(a[0])->type));
    });
    native::def_property(ty, "is_floating_point", [](const Value& self) {
      return native::make_bool(tensor::is_floating(native::native_cast<DtypeBox>(self)->type));
    });
    native::def_property(ty, "itemsize", [](const Value& self) {
      return native::make_int(static_cast<int64_t>(
          tensor::scalar_type_itemsize(native::native_cast<DtypeBox>(self)->type)));
    });
    return ty;
  }();
  return t;
}

Value dtype_object(ScalarType t) {
  static const std::array<Value, kDtypes.size()> objects = [] {
    std::array<Value, kDtypes.size()> out;
    for (size_t i = 0; i < kDtypes.size(); ++i)
      out[i] = native::make_native(dtype_type(), DtypeBox{kDtypes[i]});
    return out;
  }();
  for (size_t i = 0; i < kDtypes.size(); ++i)
    if (kDtypes[i] == t) return objects[i];
  native::raise_error(lang::types::RuntimeError, "unsupported dtype");
}

std::optional<ScalarType> as_dtype(const Value& v) {
  if (auto* d = native::native_cast<DtypeBox>(v)) return d->type;
  if (v.is(Value(lang::types::float_))) return ScalarType::Double;
  if (v.is(Value(lang::types::int_))) return ScalarType::Long;
  if (v.is(Value(lang::types::bool_))) return ScalarType::Bool;
  return std::nullopt;
}

lang::Type* device_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("device", "torch", nullptr, false);
    native::def_method(ty, "__new__", [](const lang::Args& a) {
      auto p = native::bind_args(lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw}, "device",
                                 {{"type"}, {"index", native::none()}});
      return device_object(parse_device(p[0]));
    });
    native::def_method(ty, "__repr__",
                       [](const lang::Args&) { return native::make_str("device(type='cpu')"); });
    native::def_method(ty, "__str__", [](const lang::Args& a) {
      return native::make_str(native::native_cast<DeviceBox>(a[0])->device.str());
    });
    native::def_method(ty, "__eq__", [](const lang::Args& a) {
      auto* o = native::native_cast<DeviceBox>(a[1]);
      if (!o) return lang::not_implemented();
      return native::make_bool(o->device == native::native_cast<DeviceBox>(a[0])->device);
    });
    native::def_method(ty, "__hash__", [](const lang::Args&) { return native::make_int(0); });
    native::def_property(ty, "type", [](const Value& self) {
      return native::make_str(native::native_cast<DeviceBox>(self)->device.str());
    });
    native::def_property(ty, "index", [](const Value&) { return native::none(); });
    return ty;
  }();
  return t;
}

Value device_object(const tensor::Device& d) {
  static const Value cpu = native::make_native(device_type(), DeviceBox{tensor::Device{}});
  (void)d; // only the CPU exists
  return cpu;
}

bool is_device(const Value& v) {
  return native::native_cast<DeviceBox>(v) != nullptr;
}

tensor::Device parse_device(const Value& v) {
  if (auto* d = native::native_cast<DeviceBox>(v)) return d->device;
  if (native::is_str(v)) {
    const std::string& s = native::as_str(v);
    if (s == "cpu" || s == "cpu:0") return tensor::Device{};
    native::raise_error(lang::types::RuntimeError,
                        "Expected one of cpu device type at start of device string: " + s);
  }
  native::raise_error(lang::types::TypeError,
                      "device(): argument 'type' must be str, not " + lang::type_name(v));
}

Value strided_layout() {
  static const Value v = native::make_native(layout_type(), LayoutBox{tensor::Layout::Strided});
  return v;
}

bool is_layout(const Value& v) {
  return native::native_cast<LayoutBox>(v) != nullptr;
}

Value memory_format_object(tensor::MemoryFormat f) {
  static const std::array<Value, 3> objects = {
      native::make_native(memory_format_type(), MemoryFormatBox{tensor::MemoryFormat::Contiguous}),
      native::make_native(memory_format_type(), MemoryFormatBox{tensor::MemoryFormat::Preserve}),
      native::make_native(memory_format_type(),
                          MemoryFormatBox{tensor::MemoryFormat::ChannelsLast})};
  return objects[static_cast<size_t>(f)];
}

std::optional<tensor::MemoryFormat> as_memory_format(const Value& v) {
  if (auto* m = native::native_cast<MemoryFormatBox>(v)) return m->format;
  return std::nullopt;
}

lang::Type* size_type() {
  static lang::Type* t = [] {
    // Tuple layout, so every tuple operation applies to sizes.
    lang::init_runtime();
    lang::Type* ty =
        lang::new_native_type("Size", "torch", lang::types::tuple, lang::Layout::Tuple);
    native::def_method(ty, "__new__", [](const lang::Args& a) {
      tensor::IntList sizes;
      if (a.npos > 1)
        native::for_each(a[1], [&](const Value& item) {
          if (!item.is_int())
            native::raise_error(lang::types::TypeError,
                                "torch.Size() takes an iterable of 'int' (item 0 is '" +
                                    lang::type_name(item) + "')");
          sizes.push_back(item.as_int());
        });
      return make_size(sizes);
    });
    native::def_method(ty, "__repr__", [](const lang::Args& a) {
      tensor::IntList sizes;
      for (const Value& v : native::tuple_items(a[0])) sizes.push_back(v.as_int());
      return native::make_str(tensor::size_repr(sizes));
    });
    native::def_method(ty, "numel", [](const lang::Args& a) {
      int64_t n = 1;
      for (const Value& v : native::tuple_items(a[0])) n *= v.as_int();
      return native::make_int(n);
    });
    return ty;
  }();
  return t;
}

Value make_size(const tensor::IntList& sizes) {
  std::vector<Value> items;
  items.reserve(sizes.size());
  for (int64_t s : sizes) items.push_back(native::make_int(s));
  Value v = native::make_tuple(std::move(items));
  v.obj()->type = size_type(); // a tuple whose class is torch.Size
  return v;
}

void bind_value_types(const Value& m) {
  native::module_set(m, "dtype", Value(dtype_type()));
  native::module_set(m, "device", Value(device_type()));
  native::module_set(m, "Size", Value(size_type()));
  native::module_set(m, "layout", Value(layout_type()));
  native::module_set(m, "memory_format", Value(memory_format_type()));
  struct Alias {
    const char* name;
    ScalarType type;
  };
  for (const Alias& a : {Alias{"float32", ScalarType::Float}, Alias{"float", ScalarType::Float},
                         Alias{"float64", ScalarType::Double}, Alias{"double", ScalarType::Double},
                         Alias{"int64", ScalarType::Long}, Alias{"long", ScalarType::Long},
                         Alias{"int32", ScalarType::Int}, Alias{"int", ScalarType::Int},
                         Alias{"bool", ScalarType::Bool}})
    native::module_set(m, a.name, dtype_object(a.type));
  native::module_set(m, "strided", strided_layout());
  native::module_set(m, "contiguous_format",
                     memory_format_object(tensor::MemoryFormat::Contiguous));
  native::module_set(m, "preserve_format", memory_format_object(tensor::MemoryFormat::Preserve));
  native::module_set(m, "channels_last", memory_format_object(tensor::MemoryFormat::ChannelsLast));
}

} // namespace bwhop::torchmod
