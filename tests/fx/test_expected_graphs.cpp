// The four graphs of PyTorch's test_backward_higher_order_ops, built node by
// node the way make_fx and Dynamo build them, printed, normalized and compared
// byte for byte with PyTorch's expected text.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/fx/graph.h"
#include "core/fx/graph_module.h"
#include "core/fx/normalize.h"
#include "core/fx/target.h"
#include "core/fx/type_expr.h"
#include "fx_test_util.h"

using namespace bwhop::fx;
using namespace bwhop::fx::testing;
using bwhop::tensor::ScalarType;

namespace {

TensorMetaPtr f32(std::vector<Dim> shape) {
  return make_tensor_meta(ScalarType::Float, std::move(shape));
}

// What make_fx records for `_multiply_invoke(grad)`: a placeholder per
// parameter leaf and one opaque node for trace_wrapped, whose target is a
// fresh `self_invoke` closure of torch._dynamo._trace_wrapped_higher_order_op.
std::shared_ptr<Graph> make_fx_multiply_invoke_graph() {
  auto g = std::make_shared<Graph>();
  Node* grad = g->placeholder("grad_1");
  grad->set_tensor_meta(f32({2}));
  const Target* self_invoke =
      fresh_function_target("torch._dynamo._trace_wrapped_higher_order_op", "self_invoke");
  Node* traced = g->call_function(self_invoke, {grad}, {}, "trace_wrapped");
  traced->set_tensor_meta(f32({2}));
  g->output(traced);
  return g;
}

// Dynamo's re-trace of the compiled-autograd graph (see the reference's Part B/C).
struct DynamoCapture {
  std::shared_ptr<Graph> g = std::make_shared<Graph>();
  const Target* getitem = operator_target("getitem");

  // create_graph_input: named after the sanitized source, placed after the
  // existing placeholders.
  Node* graph_input(const std::string& source, const TypeExpr* type) {
    Node* first_op = nullptr;
    for (Node* n : g->nodes())
      if (n->op() != OpKind::Placeholder) {
        first_op = n;
        break;
      }
    if (first_op == nullptr) return g->placeholder(dynamo_input_name(source), type);
    auto at = g->inserting_before(first_op);
    return g->placeholder(dynamo_input_name(source), type);
  }
  Node* item(Node* seq, int64_t i, const std::string& trace) {
    Node* n = g->call_function(getitem, {seq, i});
    n->set_stack_trace(trace);
    n->set_tensor_meta(f32({2}));
    return n;
  }
};

// Stack traces of the code Dynamo traces: the compiled-autograd forward and
// the helpers it inlines.
const std::string kCa = "<eval_with_key>.2";
const std::string kUtils = "/torch/_dynamo/external_utils.py";
const std::string kTest = "/test/dynamo/test_backward_higher_order_ops.py";

std::string trace_in_forward(int line, const std::string& code) {
  return traceback({{kCa, line, "forward", code}});
}

std::shared_ptr<Graph> compiled_autograd_graph(int aot_id, bool side_effect) {
  DynamoCapture d;
  Graph& g = *d.g;
  Node* inputs = d.graph_input("L['inputs']", builtin_type("list"));
  Node* grad = d.item(inputs, 0, trace_in_forward(5, "getitem = inputs[0]"));
  Node* y = d.item(inputs, 1, trace_in_forward(5, "getitem = inputs[0]"));
  Node* x = d.item(inputs, 2, trace_in_forward(5, "getitem = inputs[0]"));

  Node* sizes0 = d.graph_input("L['sizes'][0]", nullptr);
  sizes0->set_tensor_meta(f32({0, 2}));
  Node* size = g.call_method("size", {sizes0, 1});
  size->set_sym_meta(sym("2"));
  size->set_stack_trace(
      traceback({{kCa, 8, "forward", "unwrap_maybe_dynamic_int = unwrap(getitem_3)"},
                 {kUtils, 140, "unwrap_maybe_dynamic_int", "return x.size(1)"}}));

  const int dtype = static_cast<int>(ScalarType::Float);
  Argument metadata = Argument::list(
      {Argument::tuple({Argument::tuple({nullptr, nullptr, Device{"cpu"}, dtype, 0, nullptr}),
                        Argument::list({size}), false, dtype})});
  std::string validate_trace =
      trace_in_forward(10, "validate_outputs = validate_outputs([getitem], ...)");
  Node* validate = g.call_function(
      global_function_target("torch._dynamo.compiled_autograd.ops", "validate_outputs"),
      {Argument::list({grad}), metadata});
  validate->set_stack_trace(validate_trace);
  Node* validated = d.item(validate, 0, validate_trace);
  validated->rename("getitem_9"); // STORE_FAST getitem_9

  std::string prologue_trace =
      trace_in_forward(12, "call_aot_bwd_prologue = call_aot_bwd_prologue(...)");
  Node* prologue = g.call_function(
      global_function_target("torch._dynamo.compiled_autograd", "call_aot_bwd_prologue"),
      {Argument::tuple({}), Argument::list({}), Argument::list({}), validated});
  prologue->set_stack_trace(prologue_trace);
  Node* tangent = d.item(prologue, 0, prologue_trace);
  tangent->rename("aot" + std::to_string(aot_id) + "_tangents_1"); // STORE_FAST

  const Target* accumulate_grad =
      global_function_target("torch._dynamo.compiled_autograd.ops", "AccumulateGrad");
  std::string acc_trace_y = traceback(
      {{kCa, 14, "forward", "call_accumulate_grad = call_accumulate_grad(getitem_1, ...)"},
       {kUtils, 120, "call_accumulate_grad",
        "[grad] = AccumulateGrad([grad], variable, variable.grad, has_post_hooks)"}});
  Node* acc_y = g.call_function(accumulate_grad, {Argument::list({tangent}), y, nullptr, false});
  acc_y->set_stack_trace(acc_trace_y);
  Node* grad_y = d.item(acc_y, 0, acc_trace_y);

  Node* counter_plus_one = nullptr;
  if (side_effect) {
    Node* counter = d.graph_input("L['hooks'][1].keywords['fn'].keywords['obj'].counter", nullptr);
    counter->set_sym_meta(sym("s45"));
    counter_plus_one = g.call_function(operator_target("add"), {counter, 1});
    counter_plus_one->set_sym_meta(sym("s45 + 1"));
    counter_plus_one->set_stack_trace(
        traceback({{kCa, 16, "forward", "call_hook = call_hook(getitem_12, aot0_tangents_1, ...)"},
                   {kUtils, 95, "call_hook", "result = hook(*args)"},
                   {kTest, 180, "_side_effect_stateful_fn2", "obj.counter += 1"}}));
  }

  Node* product = g.call_function(operator_target("mul"), {tangent, tangent});
  product->set_tensor_meta(f32({2}));
  product->set_stack_trace(
      traceback({{kCa, 16, "forward", "call_hook = call_hook(getitem_12, aot1_tangents_1, ...)"},
                 {kUtils, 95, "call_hook", "result = hook(*args)"},
                 {kTest, 40, "_multiply", "return x * x"}}));
  product->rename("result"); // first STORE_FAST of the tensor, in call_hook

  std::string acc_trace_x = traceback(
      {{kCa, 18, "forward", "call_accumulate_grad_1 = call_accumulate_grad(getitem_2, ...)"},
       {kUtils, 120, "call_accumulate_grad",
        "[grad] = AccumulateGrad([grad], variable, variable.grad, has_post_hooks)"}});
  Node* acc_x = g.call_function(accumulate_grad, {Argument::list({product}), x, nullptr, false});
  acc_x->set_stack_trace(acc_trace_x);
  Node* grad_x = d.item(acc_x, 0, acc_trace_x);

  std::vector<Argument> outputs{grad_y, grad_x};
  if (side_effect) outputs.push_back(counter_plus_one);
  g.output(Argument::tuple(std::move(outputs)));
  return d.g;
}

std::string readable(const std::shared_ptr<Graph>& g, const std::string& class_name) {
  return GraphModule(g, class_name).print_readable(false);
}

} // namespace

TEST_CASE("make_fx graph of _multiply_invoke matches PyTorch's expected text") {
  std::string text = readable(make_fx_multiply_invoke_graph(), "_multiply_invoke");
  CHECK(normalize_gm(text) == read_expected("make_fx_multiply_invoke.txt"));
}

TEST_CASE("raw print_readable keeps FX's trailing whitespace and comment") {
  // The raw string of the reference (§1.4), before normalize_gm.
  std::string expected =
      "class _multiply_invoke(torch.nn.Module):\n"
      "    def forward(self, grad_1: \"f32[2]\"):\n"
      "        # No stacktrace found for following nodes\n"
      "        trace_wrapped: \"f32[2]\" = "
      "torch__dynamo__trace_wrapped_higher_order_op_self_invoke(grad_1);  grad_1 = None\n"
      "        return trace_wrapped\n"
      "        ";
  CHECK(readable(make_fx_multiply_invoke_graph(), "_multiply_invoke") == expected);
}

TEST_CASE("compiled autograd graph, aot_eager backend (aot id 1)") {
  CHECK(normalize_gm(readable(compiled_autograd_graph(1, false), "GraphModule")) ==
        read_expected("compiled_autograd_aot_eager.txt"));
}

TEST_CASE("compiled autograd graph, inductor backend (aot id 3)") {
  CHECK(normalize_gm(readable(compiled_autograd_graph(3, false), "GraphModule")) ==
        read_expected("compiled_autograd_inductor.txt"));
}

TEST_CASE("compiled autograd graph with the side-effecting hook (aot id 0)") {
  CHECK(normalize_gm(readable(compiled_autograd_graph(0, true), "GraphModule")) ==
        read_expected("compiled_autograd_side_effect_inductor.txt"));
}

TEST_CASE("the local expected copies equal the shared reference files") {
  for (const char* f :
       {"make_fx_multiply_invoke.txt", "compiled_autograd_aot_eager.txt",
        "compiled_autograd_inductor.txt", "compiled_autograd_side_effect_inductor.txt"}) {
    std::filesystem::path shared = std::string("/work/shared/reference/expected/") + f;
    if (!std::filesystem::exists(shared)) continue;
    std::ifstream a(shared, std::ios::binary);
    std::ifstream b(std::filesystem::path(BWHOP_SOURCE_DIR) / "tests/fx/expected" / f,
                    std::ios::binary);
    std::stringstream sa, sb;
    sa << a.rdbuf();
    sb << b.rdbuf();
    CHECK_MESSAGE(sa.str() == sb.str(), f);
  }
}
