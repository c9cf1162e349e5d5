#include "core/dynamo/guards.h"

#include "core/lang/runtime.h"
#include "core/torch/tensor_object.h"

namespace bwhop::dynamo {

namespace {

// A size or stride list; symbolic (unchecked) entries print None.
std::string int_list(const tensor::IntList& xs) {
  std::string out = "[";
  for (size_t i = 0; i < xs.size(); ++i)
    out += (i ? ", " : "") + (xs[i] == kDynamicDim ? std::string("None") : std::to_string(xs[i]));
  return out + "]";
}

// c10's `operator<<(ScalarType)`: the enum's own name (Float, Double, Long, ...).
std::string c10_name(tensor::ScalarType t) {
  switch (t) {
  case tensor::ScalarType::Int:
    return "Int";
  case tensor::ScalarType::Long:
    return "Long";
  case tensor::ScalarType::Float:
    return "Float";
  case tensor::ScalarType::Double:
    return "Double";
  case tensor::ScalarType::Bool:
    return "Bool";
  }
  return "Undefined";
}

std::string bool_str(bool b) {
  return b ? "True" : "False";
}

const char* kind_name(Guard::Kind k) {
  switch (k) {
  case Guard::Kind::TensorMatch:
    return "TENSOR_MATCH";
  case Guard::Kind::ConstantMatch:
    return "EQUALS_MATCH";
  case Guard::Kind::IdMatch:
    return "ID_MATCH";
  case Guard::Kind::TypeMatch:
    return "TYPE_MATCH";
  case Guard::Kind::ShapeEnv:
    return "SHAPE_ENV";
  }
  return "";
}

} // namespace

Guard tensor_guard(SourcePtr source, const tensor::Tensor& t) {
  Guard g;
  g.kind = Guard::Kind::TensorMatch;
  g.source = std::move(source);
  g.dtype = t.dtype();
  g.sizes = t.sizes();
  g.strides = t.strides();
  g.requires_grad = t.requires_grad();
  return g;
}

Guard constant_guard(SourcePtr source, Value v) {
  Guard g;
  g.kind = Guard::Kind::ConstantMatch;
  g.source = std::move(source);
  g.expected = std::move(v);
  return g;
}

Guard id_guard(SourcePtr source, Value v) {
  Guard g;
  g.kind = Guard::Kind::IdMatch;
  g.source = std::move(source);
  g.expected = std::move(v);
  return g;
}

Guard type_guard(SourcePtr source, lang::Type* t) {
  Guard g;
  g.kind = Guard::Kind::TypeMatch;
  g.source = std::move(source);
  g.type = t;
  return g;
}

namespace {

// An expression with each symbol spelled as its source, as PyTorch prints guards:
// one scan of the printed expression, symbols looked up by id.
std::string expr_in_sources(const tracing::SymLinear& e,
                            const std::unordered_map<int, const std::string*>& names) {
  std::string text = e.str(), out;
  out.reserve(text.size() * 2);
  for (size_t i = 0; i < text.size();) {
    bool starts =
        text[i] == 's' && (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1])));
    size_t j = i + 1;
    while (starts && j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
    if (starts && j > i + 1) {
      auto it = names.find(std::stoi(text.substr(i + 1, j - i - 1)));
      if (it != names.end()) {
        out += *it->second;
        i = j;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::unordered_map<int, const std::string*> source_names(const Guard& g) {
  std::unordered_map<int, const std::string*> names;
  for (const auto& [id, src] : g.symbol_sources) names.emplace(id, &src->name());
  return names;
}

} // namespace

std::string describe(const Guard& g) {
  const std::string& s = g.source->name();
  std::string out = std::string(kind_name(g.kind)) + ": ";
  switch (g.kind) {
  case Guard::Kind::TensorMatch:
    return out + "check_tensor(" + s + ", Tensor, torch." +
           std::string(tensor::scalar_type_name(g.dtype)) +
           ", requires_grad=" + bool_str(g.requires_grad) + ", size=" + int_list(g.sizes) +
           ", stride=" + int_list(g.strides) + ")";
  case Guard::Kind::ShapeEnv: {
    auto names = source_names(g);
    std::string rel;
    for (const auto& [src, e] : g.relations)
      rel += (rel.empty() ? "" : ", ") + src->name() + " == " + expr_in_sources(e, names);
    return out + rel;
  }
  case Guard::Kind::ConstantMatch:
    return out + s + " == " + lang::repr(g.expected);
  case Guard::Kind::IdMatch:
    return out + "___check_obj_id(" + s + ")";
  case Guard::Kind::TypeMatch:
    return out + "___check_type_id(" + s + ", " + g.type->name + ")";
  }
  return out;
}

std::optional<std::string>
check(const Guard& g, const std::unordered_map<std::string, Value>& locals, const Value& globals) {
  Value v;
  try {
    v = g.source->read(locals, globals);
  } catch (const lang::PyError&) {
    return g.source->name() + " could not be read";
  }
  const std::string& s = g.source->name();
  switch (g.kind) {
  case Guard::Kind::TensorMatch: {
    const tensor::Tensor* t = torchmod::as_tensor(v);
    if (t == nullptr) return s + " is not a Tensor";
    if (t->dtype() != g.dtype)
      return "tensor '" + s + "' dtype mismatch. expected " + c10_name(g.dtype) + ", actual " +
             c10_name(t->dtype());
    if (t->requires_grad() != g.requires_grad)
      return "tensor '" + s + "' requires_grad mismatch. expected requires_grad=" +
             std::to_string(g.requires_grad ? 1 : 0);
    if (t->sizes().size() != g.sizes.size())
      return "tensor '" + s + "' rank mismatch. expected " + std::to_string(g.sizes.size()) +
             ", actual " + std::to_string(t->sizes().size());
    for (size_t i = 0; i < g.sizes.size(); ++i)
      if (g.sizes[i] != kDynamicDim && t->sizes()[i] != g.sizes[i])
        return "tensor '" + s + "' size mismatch at index " + std::to_string(i) + ". expected " +
               std::to_string(g.sizes[i]) + ", actual " + std::to_string(t->sizes()[i]);
    for (size_t i = 0; i < g.strides.size(); ++i)
      if (g.strides[i] != kDynamicDim && t->strides()[i] != g.strides[i])
        return "tensor '" + s + "' stride mismatch at index " + std::to_string(i) + ". expected " +
               std::to_string(g.strides[i]) + ", actual " + std::to_string(t->strides()[i]);
    return std::nullopt;
  }
  case Guard::Kind::ConstantMatch:
    if (lang::type_of(v) == lang::type_of(g.expected) && lang::values_equal(v, g.expected))
      return std::nullopt;
    return s + " == " + lang::repr(g.expected);
  case Guard::Kind::IdMatch:
    if (v.is(g.expected)) return std::nullopt;
    return "___check_obj_id(" + s + ")";
  case Guard::Kind::TypeMatch:
    if (lang::type_of(v) == g.type) return std::nullopt;
    return "___check_type_id(" + s + ", " + g.type->name + ")";
  case Guard::Kind::ShapeEnv: {
    std::unordered_map<int, int64_t> values;
    try {
      for (const auto& [id, src] : g.symbol_sources) {
        Value sv = src->read(locals, globals);
        if (!sv.is_int()) return src->name() + " is not an int";
        values[id] = sv.as_int();
      }
      for (const auto& [src, e] : g.relations) {
        int64_t expected = e.constant;
        for (const auto& [id, k] : e.terms) expected += k * values.at(id);
        Value actual = src->read(locals, globals);
        if (!actual.is_int() || actual.as_int() != expected)
          return src->name() + " == " + expr_in_sources(e, source_names(g));
      }
    } catch (const lang::PyError&) {
      return "a size could not be read";
    }
    return std::nullopt;
  }
  }
  return std::nullopt;
}

Guard* GuardSet::find(Guard::Kind kind, const std::string& source_name) {
  auto it = seen_.find(std::string(kind_name(kind)) + ":" + source_name);
  return it == seen_.end() ? nullptr : &guards_[static_cast<size_t>(it->second)];
}

void GuardSet::add(Guard g) {
  std::string key = std::string(kind_name(g.kind)) + ":" + g.source->name();
  if (seen_.count(key)) return;
  seen_[key] = static_cast<int>(guards_.size());
  guards_.push_back(std::move(g));
}

std::optional<std::string> GuardSet::check_all(const std::unordered_map<std::string, Value>& locals,
                                               const Value& globals) const {
  for (const Guard& g : guards_)
    if (auto why = check(g, locals, globals)) return why;
  return std::nullopt;
}

std::string GuardSet::describe_all() const {
  std::string out;
  for (const Guard& g : guards_) out += describe(g) + "\n";
  return out;
}

} // namespace bwhop::dynamo
