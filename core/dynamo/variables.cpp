#include "core/dynamo/variables.h"

#include "core/lang/runtime.h"

namespace bwhop::dynamo {

VarPtr make_var(Var::Kind kind, Value value, SourcePtr source) {
  auto v = std::make_shared<Var>(kind);
  v->value = std::move(value);
  v->source = std::move(source);
  return v;
}

VarPtr constant_var(Value v) {
  return make_var(Var::Kind::Constant, std::move(v));
}

std::string tracker_class_name(const Var& v) {
  const char* name = "";
  switch (v.kind) {
  case Var::Kind::Tensor:
    name = "tensor.TensorVariable";
    break;
  case Var::Kind::Constant:
    name = "constant.ConstantVariable";
    break;
  case Var::Kind::Tuple:
    name = "lists.TupleVariable";
    break;
  case Var::Kind::List:
    name = "lists.ListVariable";
    break;
  case Var::Kind::Dict:
    name = "dicts.ConstDictVariable";
    break;
  case Var::Kind::Function:
    name = "functions.UserFunctionVariable";
    break;
  case Var::Kind::Partial:
    name = "functions.FunctoolsPartialVariable";
    break;
  case Var::Kind::Object:
    name = "user_defined.UserDefinedObjectVariable";
    break;
  case Var::Kind::Class:
    name = "user_defined.UserDefinedClassVariable";
    break;
  case Var::Kind::Module:
    name = "misc.PythonModuleVariable";
    break;
  case Var::Kind::TorchFunction:
    name = "torch.TorchInGraphFunctionVariable";
    break;
  case Var::Kind::Builtin:
    name = "builtin.BuiltinVariable";
    break;
  case Var::Kind::TensorMethod:
    name = "misc.GetAttrVariable";
    break;
  case Var::Kind::Method:
    name = "functions.UserMethodVariable";
    break;
  case Var::Kind::TraceWrapped:
    name = "higher_order_ops.TraceWrappedHigherOrderOperatorVariable";
    break;
  case Var::Kind::NestedFunction:
    name = "functions.NestedUserFunctionVariable";
    break;
  case Var::Kind::SymInt:
    name = "tensor.SymNodeVariable";
    break;
  case Var::Kind::GraphOp:
    name = "torch.TorchInGraphFunctionVariable";
    break;
  case Var::Kind::ContainerMethod:
    name = "misc.GetAttrVariable";
    break;
  case Var::Kind::AtenOp:
    name = "torch.TorchInGraphFunctionVariable";
    break;
  }
  return std::string("<class 'torch._dynamo.variables.") + name + "'>";
}

std::string python_type_name(const Var& v) {
  switch (v.kind) {
  case Var::Kind::Tensor:
    return "Tensor";
  case Var::Kind::Tuple:
    return "tuple";
  case Var::Kind::List:
    return "list";
  case Var::Kind::Dict:
    return "dict";
  case Var::Kind::Partial:
    return "partial";
  case Var::Kind::TensorMethod:
  case Var::Kind::ContainerMethod:
    return "builtin_function_or_method";
  case Var::Kind::Method:
    return "method";
  case Var::Kind::NestedFunction:
    return "function";
  case Var::Kind::SymInt:
    return "SymInt";
  default:
    return lang::type_of(v.value)->name;
  }
}

} // namespace bwhop::dynamo
