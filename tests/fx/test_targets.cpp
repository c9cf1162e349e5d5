// How call targets print: qualified names and the from-torch test (reference
// §1.8, torch.fx.node._get_qualified_name, torch.fx.graph._is_from_torch).
#include <doctest/doctest.h>

#include "core/fx/codegen.h"
#include "core/fx/graph.h"
#include "core/fx/target.h"

using namespace bwhop::fx;

TEST_CASE("qualified names") {
  CHECK(aten_target("aten", "mul", "Tensor")->qualified_name() == "torch.ops.aten.mul.Tensor");
  CHECK(aten_target("aten", "add", "default")->qualified_name() == "torch.ops.aten.add.default");
  CHECK(higher_order_target("autograd_function_apply")->qualified_name() ==
        "torch.ops.higher_order.autograd_function_apply");
  CHECK(builtin_target("getattr")->qualified_name() == "getattr");
  CHECK(operator_target("mul")->qualified_name() == "_operator.mul");
  CHECK(tensor_method_target("add")->qualified_name() == "torch.Tensor.add");
  CHECK(global_function_target("torch", "segment_reduce")->qualified_name() ==
        "torch._segment_reduce");
  CHECK(global_function_target("torch._dynamo.compiled_autograd.ops", "validate_outputs")
            ->qualified_name() == "torch._dynamo.compiled_autograd.ops.validate_outputs");
}

TEST_CASE("which modules count as from torch") {
  CHECK(module_is_from_torch("torch"));
  CHECK(module_is_from_torch("torch._C"));
  CHECK(module_is_from_torch("torch._ops.aten"));
  CHECK(module_is_from_torch("torch._dynamo")); // only deeper modules are excluded
  CHECK_FALSE(module_is_from_torch("torch._dynamo.compiled_autograd"));
  CHECK_FALSE(module_is_from_torch("torch._inductor.fx_passes"));
  CHECK(module_is_from_torch("torch._dynamo_x.y"));
  CHECK_FALSE(module_is_from_torch("torchvision"));
  CHECK_FALSE(module_is_from_torch("torch..x"));
  CHECK_FALSE(module_is_from_torch("_operator"));
  CHECK(global_function_target("torch._C", "_set_grad_enabled")->prints_qualified());
  CHECK_FALSE(global_function_target("torch._dynamo.compiled_autograd", "call_aot_bwd_prologue")
                  ->prints_qualified());
}

TEST_CASE("operator forms and default node names") {
  CHECK(operator_target("mul")->operator_form() == OperatorForm::Magic);
  CHECK(operator_target("mul")->operator_template() == "{} * {}");
  CHECK(operator_target("getitem")->operator_template() == "{}[{}]");
  CHECK(operator_target("iadd")->operator_form() == OperatorForm::InPlace);
  CHECK(operator_target("setitem")->operator_template() == "{}[{}] = {}");
  CHECK(operator_target("not_")->operator_form() == OperatorForm::None);
  CHECK(global_function_target("torch", "mul")->operator_form() == OperatorForm::None);
  CHECK(aten_target("aten", "mul", "Tensor")->default_node_name() == "mul.tensor");
  CHECK(aten_target("aten", "mul", "Tensor")->overload_packet() == "mul");
  CHECK(higher_order_target("wrap")->overload_packet().empty());
  CHECK(operator_target("getitem")->pretty_name() == "operator.getitem");
  CHECK(builtin_target("getattr")->pretty_name() == "builtins.getattr");
  CHECK(aten_target("aten", "mul", "Tensor")->pretty_name() == "torch.ops.aten.mul.Tensor");
}

TEST_CASE("targets are interned except fresh closures; impl pointers are kept") {
  static const int kernel = 0;
  CHECK(operator_target("mul") == operator_target("mul"));
  const Target* t = aten_target("aten", "sin", "default", &kernel);
  CHECK(aten_target("aten", "sin", "default") == t);
  CHECK(t->impl() == &kernel);
  const Target* a = fresh_function_target("m", "f");
  const Target* b = fresh_function_target("m", "f");
  CHECK(a != b);
  CHECK(a->qualified_name() == b->qualified_name());
}

TEST_CASE("codegen reports the global names it gives call targets, once each, in first use") {
  Graph g;
  Node* x = g.placeholder("x");
  const Target* prologue = fresh_function_target("torch._dynamo.compiled_autograd", "prologue");
  const Target* other = fresh_function_target("torch._dynamo.compiled_autograd", "prologue");
  Node* a = g.call_function(prologue, {Argument(x)}, {});
  Node* b = g.call_function(other, {Argument(a)}, {});
  Node* c = g.call_function(prologue, {Argument(b)}, {});
  Node* d = g.call_function(aten_target("aten", "mul", "Tensor"), {Argument(c), Argument(c)}, {});
  g.output(Argument(d));
  std::vector<CodeGlobalName> names;
  CodegenOptions options;
  options.globals = &names;
  std::string code = python_code(g, options);
  // Two objects with one qualified name: FX's name space suffixes the second.
  // Dotted torch targets need no global.
  REQUIRE(names.size() == 2);
  CHECK(names[0].name == "torch__dynamo_compiled_autograd_prologue");
  CHECK(names[0].target == prologue);
  CHECK(names[1].name == "torch__dynamo_compiled_autograd_prologue_1");
  CHECK(names[1].target == other);
  CHECK(code.find("torch__dynamo_compiled_autograd_prologue_1(prologue)") != std::string::npos);
}
