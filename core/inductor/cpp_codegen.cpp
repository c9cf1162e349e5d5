#include "core/inductor/cpp_codegen.h"

#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "core/fx/argument.h"
#include "core/fx/target.h"
#include "core/inductor/aten_call.h"

namespace bwhop::inductor {

namespace {

using tensor::ScalarType;

std::string ctype(ScalarType t) {
  switch (t) {
  case ScalarType::Float:
    return "float";
  case ScalarType::Double:
    return "double";
  default:
    throw Unsupported("no C++ type for dtype " + std::string(tensor::scalar_type_name(t)));
  }
}

std::string literal(const tensor::IValue& v, const std::string& type) {
  if (v.is_bool()) return "static_cast<" + type + ">(" + (v.to_bool() ? "true" : "false") + ")";
  if (v.is_int()) return "static_cast<" + type + ">(" + std::to_string(v.to_int()) + "L)";
  if (!v.is_double()) throw Unsupported("constant " + v.repr() + " in a pointwise kernel");
  double d = v.to_double();
  if (std::isnan(d)) return "std::numeric_limits<" + type + ">::quiet_NaN()";
  if (std::isinf(d))
    return std::string(d < 0 ? "-" : "") + "std::numeric_limits<" + type + ">::infinity()";
  return "static_cast<" + type + ">(" + tensor::python_float_repr(d) + ")";
}

// `{i}` → operand i, `{T}` → the C++ compute type.
std::string expand(const std::string& pattern, const std::vector<std::string>& operands,
                   const std::string& type) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      out += pattern[i];
      continue;
    }
    std::size_t close = pattern.find('}', i);
    std::string key = pattern.substr(i + 1, close - i - 1);
    out += key == "T" ? type : operands.at(std::stoul(key));
    i = close;
  }
  return out;
}

bool is_unit(const std::variant<uint32_t, ScalarConst>& operand) {
  const ScalarConst* c = std::get_if<ScalarConst>(&operand);
  return c != nullptr && c->value.is_scalar() && c->value.to_double() == 1.0;
}

std::string op_expression(const Kernel& kernel, const OpTemp& op) {
  const std::string type = ctype(op.dtype);
  std::vector<std::string> operands;
  for (const auto& operand : op.operands) {
    if (const uint32_t* t = std::get_if<uint32_t>(&operand)) {
      std::string name = "tmp" + std::to_string(*t);
      if (kernel.temps[*t].dtype != op.dtype) name = "static_cast<" + type + ">(" + name + ")";
      operands.push_back(std::move(name));
    } else {
      const tensor::IValue& v = std::get<ScalarConst>(operand).value;
      operands.push_back(v.is_none() ? "" : literal(v, type));
    }
  }
  const PointwiseLowering& rule = *op.rule;
  bool unit =
      rule.unit_arg >= 0 && is_unit(op.operands.at(static_cast<std::size_t>(rule.unit_arg)));
  return expand(unit ? rule.unit_expr : rule.expr, operands, type);
}

// `x1 + (3L*x0)`: innermost dimension first, as inductor prints indices.
std::string index_expr(const tensor::IntList& strides, bool flat) {
  if (flat) return "x0";
  std::string out;
  for (std::size_t d = strides.size(); d-- > 0;) {
    if (strides[d] == 0) continue;
    std::string var = "x" + std::to_string(d);
    std::string term = strides[d] == 1 ? var : "(" + std::to_string(strides[d]) + "L*" + var + ")";
    out += out.empty() ? term : " + " + term;
  }
  return out.empty() ? "0L" : out;
}

// A single flat loop suffices when every access walks the space contiguously.
bool is_flat(const Kernel& kernel) {
  const tensor::IntList dense = tensor::contiguous_strides(kernel.sizes);
  for (const Temp& t : kernel.temps)
    if (const LoadTemp* load = std::get_if<LoadTemp>(&t.value)) {
      for (std::size_t d = 0; d < dense.size(); ++d)
        if (kernel.sizes[d] != 1 && load->strides[d] != dense[d]) return false;
    }
  return true;
}

std::string tuple_text(const tensor::IntList& v) {
  std::string out = "(";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + std::to_string(v[i]);
  return out + (v.size() == 1 ? ",)" : ")");
}

} // namespace

std::string kernel_source(const Kernel& kernel) {
  std::vector<std::string> params;
  const std::vector<ScalarType>& in_types = kernel.input_dtypes;
  for (std::size_t i = 0; i < kernel.inputs.size(); ++i)
    params.push_back("const " + ctype(in_types[i]) + "* in_ptr" + std::to_string(i));
  for (const KernelStore& s : kernel.stores)
    params.push_back(ctype(kernel.temps[s.temp].dtype) + "* out_ptr" + std::to_string(s.output));

  // inductor joins parameters with ",\n".ljust(25), aligning them under `kernel(`.
  std::string out = "extern \"C\" void kernel(";
  for (std::size_t i = 0; i < params.size(); ++i)
    out += (i ? ",\n" + std::string(23, ' ') : "") + params[i];
  out += ")\n{\n";

  const bool flat = is_flat(kernel);
  std::vector<std::string> dims;
  if (flat)
    dims.push_back(std::to_string(tensor::numel_of(kernel.sizes)));
  else
    for (int64_t s : kernel.sizes) dims.push_back(std::to_string(s));
  std::string indent = "    ";
  for (std::size_t d = 0; d < dims.size(); ++d) {
    std::string var = "x" + std::to_string(d);
    out += indent + "for(int64_t " + var + "=static_cast<int64_t>(0L); " + var +
           "<static_cast<int64_t>(" + dims[d] + "L); " + var + "+=static_cast<int64_t>(1L))\n" +
           indent + "{\n";
    indent += "    ";
  }
  const tensor::IntList dense = tensor::contiguous_strides(kernel.sizes);
  for (std::size_t i = 0; i < kernel.temps.size(); ++i) {
    const Temp& t = kernel.temps[i];
    std::string rhs;
    if (const LoadTemp* load = std::get_if<LoadTemp>(&t.value))
      rhs = "in_ptr" + std::to_string(load->input) + "[static_cast<int64_t>(" +
            index_expr(load->strides, flat) + ")]";
    else
      rhs = op_expression(kernel, std::get<OpTemp>(t.value));
    out += indent + "auto tmp" + std::to_string(i) + " = " + rhs + ";\n";
  }
  for (const KernelStore& s : kernel.stores)
    out += indent + "out_ptr" + std::to_string(s.output) + "[static_cast<int64_t>(" +
           index_expr(dense, flat) + ")] = tmp" + std::to_string(s.temp) + ";\n";
  for (std::size_t d = dims.size(); d-- > 0;) {
    indent.resize(indent.size() - 4);
    out += indent + "}\n";
  }
  return out + "}\n";
}

std::string entry_symbol(const Kernel& kernel) {
  return "bwhop_entry_" + kernel.name;
}

void assign_kernel_names(LoweredGraph& lowered) {
  std::unordered_map<std::string, uint32_t> by_source;
  std::size_t counter = 0;
  for (uint32_t i = 0; i < lowered.kernels.size(); ++i) {
    Kernel& k = lowered.kernels[i];
    auto [it, fresh] = by_source.try_emplace(kernel_source(k), i);
    k.same_as = it->second;
    k.name = fresh ? "cpp_" + k.fused_name + "_" + std::to_string(counter++)
                   : lowered.kernels[it->second].name;
  }
}

std::string module_source(const LoweredGraph& lowered) {
  std::string out = "#include <algorithm>\n#include <cmath>\n#include <cstdint>\n#include "
                    "<limits>\n\n";
  // The kernel text is compiled verbatim; the macro gives each its own symbol.
  for (uint32_t i = 0; i < lowered.kernels.size(); ++i) {
    const Kernel& k = lowered.kernels[i];
    if (k.same_as != i) continue;
    out += "#define kernel " + k.name + "\n" + kernel_source(k) + "#undef kernel\n\n";
  }
  for (uint32_t i = 0; i < lowered.kernels.size(); ++i) {
    const Kernel& k = lowered.kernels[i];
    if (k.same_as != i) continue;
    std::vector<std::string> casts;
    std::size_t slot = 0;
    for (ScalarType t : k.input_dtypes)
      casts.push_back("static_cast<const " + ctype(t) + "*>(args[" + std::to_string(slot++) + "])");
    for (const KernelStore& s : k.stores)
      casts.push_back("static_cast<" + ctype(k.temps[s.temp].dtype) + "*>(args[" +
                      std::to_string(slot++) + "])");
    out += "extern \"C\" void " + entry_symbol(k) + "(void* const* args)\n{\n    " + k.name + "(";
    for (std::size_t j = 0; j < casts.size(); ++j) out += (j ? ", " : "") + casts[j];
    out += ");\n}\n";
  }
  return out;
}

std::string output_code(const LoweredGraph& lowered) {
  std::string out;
  for (uint32_t i = 0; i < lowered.kernels.size(); ++i)
    if (lowered.kernels[i].same_as == i)
      out += lowered.kernels[i].name + " = async_compile.cpp('''\n" +
             kernel_source(lowered.kernels[i]) + "''')\n\n\n";
  out += "def call(args):\n";
  const auto& names = lowered.buffer_names;
  std::string unpack;
  for (const fx::Node* p : lowered.placeholders)
    unpack += (unpack.empty() ? "" : ", ") + names[p->id()];
  if (lowered.placeholders.size() == 1) unpack += ",";
  if (!lowered.placeholders.empty()) out += "    " + unpack + " = args\n    args.clear()\n";
  for (const fx::Node* p : lowered.placeholders) {
    const ValueInfo& v = lowered.values[p->id()];
    if (v.is_tensor)
      out += "    assert_size_stride(" + names[p->id()] + ", " + tuple_text(v.sizes) + ", " +
             tuple_text(v.strides) + ")\n";
  }
  auto arg_text = [&](const fx::Argument& a, auto&& self) -> std::string {
    if (const fx::Node* n = a.node()) return names[n->id()];
    auto items = [&](const std::vector<fx::Argument>& xs) {
      std::string s;
      for (std::size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + self(xs[i], self);
      return s;
    };
    if (const fx::ArgList* l = a.get_if<fx::ArgList>()) return "[" + items(l->items) + "]";
    if (const fx::ArgTuple* t = a.get_if<fx::ArgTuple>())
      return "(" + items(t->items) + (t->items.size() == 1 ? ",)" : ")");
    if (a.is_none()) return "None";
    if (const bool* b = a.get_if<bool>()) return *b ? "True" : "False";
    if (const int64_t* i = a.get_if<int64_t>()) return std::to_string(*i);
    if (const double* d = a.get_if<double>()) return tensor::python_float_repr(*d);
    if (const std::string* s = a.get_if<std::string>()) return "'" + *s + "'";
    if (const tensor::ScalarType* t = a.get_if<tensor::ScalarType>()) return fx::dtype_repr(*t);
    if (const fx::Device* d = a.get_if<fx::Device>()) return fx::device_repr(*d);
    if (const fx::OpaquePtr* o = a.get_if<fx::OpaquePtr>()) return (*o)->repr();
    return "?";
  };
  for (const Step& step : lowered.steps) {
    if (step.kind == Step::Kind::Extern) {
      const fx::Node* n = step.node;
      std::string call = names[n->id()] + " = " + n->function()->qualified_name() + "(";
      bool first = true;
      for (const fx::Argument& a : n->args()) {
        call += (first ? "" : ", ") + arg_text(a, arg_text);
        first = false;
      }
      for (const fx::Kwarg& k : n->kwargs()) {
        call += (first ? "" : ", ") + k.key + "=" + arg_text(k.value, arg_text);
        first = false;
      }
      out += "    " + call + ")\n";
      continue;
    }
    const Kernel& k = lowered.kernels[step.kernel];
    std::vector<std::string> call_args;
    for (const fx::Node* in : k.inputs) call_args.push_back(names[in->id()]);
    for (const fx::Node* o : k.outputs) {
      const ValueInfo& v = lowered.values[o->id()];
      out += "    " + names[o->id()] + " = empty_strided_cpu(" + tuple_text(v.sizes) + ", " +
             tuple_text(tensor::contiguous_strides(v.sizes)) + ", " + fx::dtype_repr(v.dtype) +
             ")\n";
      call_args.push_back(names[o->id()]);
    }
    std::string call = "    " + k.name + "(";
    for (std::size_t i = 0; i < call_args.size(); ++i) call += (i ? ", " : "") + call_args[i];
    out += call + ")\n";
  }
  std::string ret;
  for_each_output_leaf(lowered.output->args().at(0),
                       [&](const fx::Argument& a) { ret += arg_text(a, arg_text) + ", "; });
  out += "    return (" + ret + ")\n";
  return out;
}

} // namespace bwhop::inductor
