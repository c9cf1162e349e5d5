#include "core/tensor/op_registry.h"

#include <utility>

#include <stdexcept>

#include "core/tensor/ops_register.h"

namespace bwhop::tensor {

OpRegistry& OpRegistry::instance() {
  static OpRegistry* reg = [] {
    auto* r = new OpRegistry();
    register_all_ops(*r);
    return r;
  }();
  return *reg;
}

const OpDef& OpRegistry::add(const OpSpec& spec) {
  auto def = std::make_unique<OpDef>();
  def->schema = Schema::parse(spec.schema);
  def->qualified = def->schema.qualified_name();
  if (by_name_.count(def->qualified))
    throw std::logic_error("op registered twice: " + def->qualified);
  def->index = static_cast<uint32_t>(owned_.size());
  def->kernel = spec.kernel;
  def->meta = spec.meta;
  def->composite = spec.composite;
  def->is_view = spec.is_view;
  def->nondifferentiable = spec.nondifferentiable;
  def->backward_name = spec.backward_name;
  def->backward = spec.backward;
  def->save_args = spec.save_args;
  def->save_result = spec.save_result;
  const auto& args = def->schema.args;
  def->is_inplace = !args.empty() && args[0].alias.find('!') != std::string::npos;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].type.base == BaseType::Tensor && !args[i].type.is_list)
      def->tensor_args.push_back(static_cast<uint32_t>(i));
  }
  const OpDef* raw = def.get();
  by_name_[def->qualified] = raw;
  if (def->schema.overload.empty()) by_name_[def->schema.name + ".default"] = raw;
  ordered_.push_back(raw);
  owned_.push_back(std::move(def));
  return *raw;
}

const OpDef* OpRegistry::find(std::string_view qualified) const {
  if (qualified.starts_with("aten::")) qualified.remove_prefix(6);
  auto it = by_name_.find(std::string(qualified));
  return it == by_name_.end() ? nullptr : it->second;
}

bool OpRegistry::set_inductor_lowering(std::string_view qualified, std::any lowering) {
  const OpDef* d = find(qualified);
  if (!d) return false;
  owned_[d->index]->inductor_lowering = std::move(lowering);
  return true;
}

const OpDef& OpRegistry::get(std::string_view qualified) const {
  const OpDef* d = find(qualified);
  if (!d) throw std::out_of_range("unknown operator aten::" + std::string(qualified));
  return *d;
}

std::vector<const OpDef*> OpRegistry::overloads(std::string_view name) const {
  std::vector<const OpDef*> out;
  for (const OpDef* d : ordered_)
    if (d->schema.name == name) out.push_back(d);
  return out;
}

const OpDef& op(std::string_view qualified) {
  return OpRegistry::instance().get(qualified);
}

} // namespace bwhop::tensor
