#include "core/compiled_autograd/cache_key.h"

#include <sstream>

#include "core/aot/compiled_function.h"
#include "core/autograd/op_node.h"

namespace bwhop::compiled_autograd {

namespace {

void put_ivalue(std::ostringstream& out, const tensor::IValue& v) {
  using Tag = tensor::IValue::Tag;
  out << static_cast<int>(v.tag()) << ':';
  switch (v.tag()) {
  case Tag::Bool:
  case Tag::Int:
    out << v.to_int();
    break;
  case Tag::Double:
    out << v.to_double();
    break;
  case Tag::IntList:
    for (int64_t i : v.to_int_list()) out << i << ',';
    break;
  case Tag::ScalarType:
    out << static_cast<int>(v.to_scalar_type());
    break;
  case Tag::String:
    out << v.to_string().size() << '"' << v.to_string();
    break;
  case Tag::MemoryFormat:
    out << static_cast<int>(v.to_memory_format());
    break;
  default:
    break;
  }
  out << ';';
}

} // namespace

std::string cache_key(const Collection& c) {
  std::ostringstream out;
  out << "i" << c.inputs.size() << "s" << c.sizes.size() << "h";
  for (const HookEntry& h : c.hooks) out << (h.aot_node ? 'c' : 't');
  for (const CollectedNode& n : c.nodes) {
    out << "|" << static_cast<int>(n.kind) << n.node->name() << "#" << n.node->num_inputs() << "p";
    for (const PreHookRef& h : n.tensor_pre_hooks) out << h.hook_index << '@' << h.value_idx << ',';
    out << "t";
    for (int t : n.tensors) out << t << ',';
    out << "z" << n.info_sizes.size() << "x" << n.ctx_hook << "e";
    const auto& edges = n.node->next_edges();
    for (std::size_t j = 0; j < edges.size(); ++j) {
      if (!edges[j].is_valid()) {
        out << "-,";
        continue;
      }
      const autograd::InputMetadata& m = edges[j].function->input_metadata(edges[j].input_nr);
      out << c.position.at(edges[j].function.get()) << '.' << edges[j].input_nr << '.'
          << static_cast<int>(m.dtype) << '.' << m.shape.size() << ',';
    }
    if (n.kind == NodeKind::AotBackward) {
      out << "a" << &static_cast<const aot::CompiledFunctionBackward&>(*n.node).artifacts();
    } else if (n.kind == NodeKind::Builtin) {
      const auto& op = static_cast<const autograd::OpNode&>(*n.node);
      out << "o" << op.op().qualified << "(";
      for (const tensor::IValue& v : op.saved_args()) put_ivalue(out, v);
      // Saved tensors' metadata is baked in as constants.
      for (const tensor::Tensor& s : op.saved_tensors()) {
        if (!s.defined()) continue;
        out << static_cast<int>(s.dtype()) << '[';
        for (int64_t d : s.sizes()) out << d << ',';
        out << ']';
      }
      out << ")";
    }
  }
  return out.str();
}

} // namespace bwhop::compiled_autograd
