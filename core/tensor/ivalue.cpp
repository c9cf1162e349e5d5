#include "core/tensor/ivalue.h"

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace bwhop::tensor {

namespace {
[[noreturn]] void wrong(const char* want) {
  throw std::runtime_error(std::string("IValue is not a ") + want);
}
} // namespace

bool IValue::to_bool() const {
  if (auto* b = std::get_if<bool>(&v_)) return *b;
  wrong("bool");
}

int64_t IValue::to_int() const {
  if (auto* i = std::get_if<int64_t>(&v_)) return *i;
  if (auto* b = std::get_if<bool>(&v_)) return *b;
  wrong("int");
}

double IValue::to_double() const {
  if (auto* d = std::get_if<double>(&v_)) return *d;
  if (auto* i = std::get_if<int64_t>(&v_)) return static_cast<double>(*i);
  if (auto* b = std::get_if<bool>(&v_)) return *b;
  wrong("number");
}

const Tensor& IValue::to_tensor() const {
  if (auto* t = std::get_if<Tensor>(&v_)) return *t;
  wrong("Tensor");
}

const IntList& IValue::to_int_list() const {
  if (auto* l = std::get_if<IntList>(&v_)) return *l;
  wrong("int list");
}

const std::vector<Tensor>& IValue::to_tensor_list() const {
  if (auto* l = std::get_if<std::vector<Tensor>>(&v_)) return *l;
  wrong("Tensor list");
}

ScalarType IValue::to_scalar_type() const {
  if (auto* s = std::get_if<ScalarType>(&v_)) return *s;
  wrong("ScalarType");
}

const std::string& IValue::to_string() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  wrong("string");
}

Device IValue::to_device() const {
  if (auto* d = std::get_if<Device>(&v_)) return *d;
  wrong("Device");
}

Layout IValue::to_layout() const {
  if (auto* l = std::get_if<Layout>(&v_)) return *l;
  wrong("Layout");
}

MemoryFormat IValue::to_memory_format() const {
  if (auto* m = std::get_if<MemoryFormat>(&v_)) return *m;
  wrong("MemoryFormat");
}

std::string python_float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  // Python's repr: shortest round-trip digits; plain notation when 1e-4 <= |v| < 1e16.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  auto epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::stoi(sci.substr(epos + 1));
  std::string digits;
  bool neg = mant[0] == '-';
  for (char c : mant)
    if (c >= '0' && c <= '9') digits += c;
  std::string out = neg ? "-" : "";
  if (exp >= -4 && exp < 16) {
    if (exp < 0) {
      out += "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
    } else if (static_cast<int>(digits.size()) <= exp + 1) {
      out += digits + std::string(static_cast<std::size_t>(exp + 1) - digits.size(), '0') + ".0";
    } else {
      out += digits.substr(0, static_cast<std::size_t>(exp + 1)) + "." +
             digits.substr(static_cast<std::size_t>(exp + 1));
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  char ebuf[16];
  std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  return out + ebuf;
}

std::string IValue::repr() const {
  switch (tag()) {
  case Tag::None:
    return "None";
  case Tag::Bool:
    return to_bool() ? "True" : "False";
  case Tag::Int:
    return std::to_string(to_int());
  case Tag::Double:
    return python_float_repr(to_double());
  case Tag::Tensor:
    return "<Tensor>";
  case Tag::IntList:
    return sizes_str(to_int_list());
  case Tag::TensorList: {
    std::string s = "[";
    for (std::size_t i = 0; i < to_tensor_list().size(); ++i) s += i ? ", <Tensor>" : "<Tensor>";
    return s + "]";
  }
  case Tag::ScalarType:
    return "torch." + std::string(scalar_type_name(to_scalar_type()));
  case Tag::String:
    return "'" + to_string() + "'";
  case Tag::Device:
    return "device(type='cpu')";
  case Tag::Layout:
    return "torch.strided";
  case Tag::MemoryFormat:
    switch (to_memory_format()) {
    case MemoryFormat::Contiguous:
      return "torch.contiguous_format";
    case MemoryFormat::Preserve:
      return "torch.preserve_format";
    case MemoryFormat::ChannelsLast:
      return "torch.channels_last";
    }
  }
  return "?";
}

} // namespace bwhop::tensor
