#include <doctest/doctest.h>

#include <algorithm>

#include "core/compiled_autograd/build_graph.h"
#include "core/compiled_autograd/passes/node_order.h"
#include "core/compiled_autograd/passes/remove_unused_sizes.h"
#include "core/fx/graph_module.h"
#include "tests/compiled_autograd/ca_test_util.h"

using namespace bwhop;
using namespace bwhop::compiled_autograd;
using namespace bwhop::compiled_autograd::testing;

namespace {

std::string code_of(const std::shared_ptr<fx::Graph>& g) {
  return statements(fx::GraphModule(g).code());
}

std::vector<std::string> names_of(const fx::Graph& g) {
  std::vector<std::string> out;
  for (const fx::Node* n : g.nodes()) out.emplace_back(n->name());
  return out;
}

} // namespace

TEST_CASE("aot_eager x + y with a hook on x: the graph of compiled-autograd.md A10") {
  // A10 is NOT PyTorch output: it was derived by hand from PyTorch's rules
  // (A2-A9) for seed test 5's aot_eager iteration; deletions are not compared.
  auto fn = aot_binary("add", "add.Tensor", 1);
  Tensor x = leaf({0.5, 0.5}), y = leaf({0.5, 0.5});
  hook_with_payload(x, std::any(0));
  Tensor out = (*fn)({x, y})[0];
  CapturedGraph cg = build_graph(collect(graph_root({out}, {T({2.0, 2.0})})));
  CHECK(code_of(cg.graph) ==
        R"(def forward(self, inputs, sizes, scalars, hooks, packed_data):
    getitem = inputs[0]
    getitem_1 = inputs[1]
    getitem_2 = inputs[2]
    getitem_3 = sizes[0]
    unwrap_maybe_dynamic_int = torch__dynamo_external_utils_unwrap_maybe_dynamic_int(getitem_3)
    validate_outputs = torch__dynamo_compiled_autograd_ops_validate_outputs([getitem], [((None, None, device(type='cpu'), 6, 0, None), [unwrap_maybe_dynamic_int], False, 6)])
    getitem_9 = validate_outputs[0]
    getitem_10 = hooks[0]
    call_aot_bwd_prologue = torch__dynamo_compiled_autograd_call_aot_bwd_prologue((), [], [], getitem_9)
    aot1_tangents_1 = call_aot_bwd_prologue[0]
    call_accumulate_grad = torch__dynamo_external_utils_call_accumulate_grad(getitem_1, aot1_tangents_1, False)
    getitem_12 = hooks[1]
    call_hook = torch__dynamo_external_utils_call_hook(getitem_12, aot1_tangents_1, hook_type = 'tensor_pre_hook')
    call_accumulate_grad_1 = torch__dynamo_external_utils_call_accumulate_grad(getitem_2, call_hook, False)
    _exec_final_callbacks_stub = torch__dynamo_external_utils_FakeCompiledAutogradEngine__exec_final_callbacks_stub()
    return []
)");
  CHECK(cg.used_sizes == std::vector<int>{0});
}

TEST_CASE("capture order before the passes: hook after the first accumulate, dead nodes present") {
  // A9: creation order is ..., prologue, aot1_tangents_1, call_accumulate_grad,
  // validate_outputs_1, getitem_12, call_hook, call_accumulate_grad_1, validate_outputs_2.
  auto fn = aot_binary("add", "add.Tensor", 1);
  Tensor x = leaf({0.5, 0.5}), y = leaf({0.5, 0.5});
  hook_with_payload(x, std::any(0));
  Tensor out = (*fn)({x, y})[0];
  auto g = capture_graph(collect(graph_root({out}, {T({2.0, 2.0})})));
  std::vector<std::string> names = names_of(*g);
  auto tail = std::vector<std::string>(names.end() - 10, names.end());
  std::vector<std::string> expected_tail{"call_aot_bwd_prologue",
                                         "aot1_tangents_1",
                                         "call_accumulate_grad",
                                         "validate_outputs_1",
                                         "getitem_12",
                                         "call_hook",
                                         "call_accumulate_grad_1",
                                         "validate_outputs_2",
                                         "_exec_final_callbacks_stub",
                                         "output"};
  CHECK(tail == expected_tail);
  // Six size getitems and six unwraps before the passes.
  CHECK(std::count(names.begin(), names.end(), "unwrap_maybe_dynamic_int_5") == 1);
  CHECK(std::count(names.begin(), names.end(), "getitem_8") == 1);
}

TEST_CASE("the same AOT id pasted twice gets aot1_ then aot1_1_") {
  // copy_paste_aot_backward_graph: `aot<id>_<k>_` when the id was already pasted k times.
  auto fn = aot_binary("mul", "mul.Tensor", 1);
  Tensor x = leaf({0.5, 0.5}), y = leaf({1.5, 2.5});
  Tensor a = (*fn)({x, y})[0];
  Tensor b = (*fn)({y, x})[0];
  CapturedGraph cg = build_graph(collect(graph_root({a, b}, {T({1.0, 1.0}), T({1.0, 1.0})})));
  std::vector<std::string> names = names_of(*cg.graph);
  for (const char* want : {"aot1_primals_1", "aot1_primals_2", "aot1_tangents_1",
                           "aot1_1_primals_1", "aot1_1_primals_2", "aot1_1_tangents_1"})
    CHECK_MESSAGE(std::count(names.begin(), names.end(), want) == 1, want);
  // The pasted ops keep their printed aten targets.
  std::string code = code_of(cg.graph);
  CHECK(code.find("torch.ops.aten.mul.Tensor(aot1_tangents_1") != std::string::npos);
  CHECK(code.find("torch.ops.aten.mul.Tensor(aot1_1_tangents_1") != std::string::npos);
}

TEST_CASE("eager x + y with a hook on x: AddBackward0 as a functional op, hand-derived order") {
  // compiled-autograd.md Part E (inferred) applied with A9's reorder rules:
  // validate_outputs_1, getitem_10, call_accumulate_grad(y), getitem_9,
  // getitem_11 (= hooks[0]), call_hook, call_accumulate_grad_1(x).
  autograd::install();
  Tensor x = leaf({0.5, 0.5}), y = leaf({0.5, 0.5});
  hook_with_payload(x, std::any(0));
  Tensor out = tensor::ops::add(x, y);
  CapturedGraph cg = build_graph(collect(graph_root({out}, {T({2.0, 2.0})})));
  std::vector<std::string> names = names_of(*cg.graph);
  std::vector<std::string> expected{"inputs",
                                    "sizes",
                                    "scalars",
                                    "hooks",
                                    "packed_data",
                                    "getitem",
                                    "getitem_1",
                                    "getitem_2",
                                    "getitem_3",
                                    "getitem_4",
                                    "getitem_5",
                                    "unwrap_maybe_dynamic_int",
                                    "unwrap_maybe_dynamic_int_1",
                                    "unwrap_maybe_dynamic_int_2",
                                    "validate_outputs",
                                    "getitem_6",
                                    "add_backward0",
                                    "getitem_7",
                                    "getitem_8",
                                    "validate_outputs_1",
                                    "getitem_10",
                                    "call_accumulate_grad",
                                    "getitem_9",
                                    "getitem_11",
                                    "call_hook",
                                    "call_accumulate_grad_1",
                                    "_exec_final_callbacks_stub",
                                    "output"};
  CHECK(names == expected);
  std::string code = code_of(cg.graph);
  CHECK(code.find("add_backward0 = torch__dynamo_compiled_autograd_ops_AddBackward0([getitem_6], "
                  "[True, True], [None, None, 1], [(6, [unwrap_maybe_dynamic_int_1]), (6, "
                  "[unwrap_maybe_dynamic_int_2]), None], None)") != std::string::npos);
  CHECK(cg.used_sizes == std::vector<int>{0, 1, 2});
}

TEST_CASE("remove_unused_sizes erases unread size getitems and re-indexes the rest") {
  auto g = std::make_shared<fx::Graph>();
  g->placeholder("inputs");
  fx::Node* sizes = g->placeholder("sizes");
  const fx::Target* getitem = fx::operator_target("getitem");
  std::vector<fx::Node*> items;
  for (int64_t i = 0; i < 4; ++i) items.push_back(g->call_function(getitem, {sizes, i}));
  fx::Node* use1 = g->call_function(fx::operator_target("neg"), {items[1]});
  fx::Node* use3 = g->call_function(fx::operator_target("neg"), {items[3]});
  g->output(fx::Argument::list({use1, use3}));
  CHECK(remove_unused_sizes(*g) == std::vector<int>{1, 3});
  CHECK(items[1]->args()[1].get_if<int64_t>() != nullptr);
  CHECK(*items[1]->args()[1].get_if<int64_t>() == 0);
  CHECK(*items[3]->args()[1].get_if<int64_t>() == 1);
  CHECK(g->find_node("getitem") == nullptr);
  CHECK(g->find_node("getitem_2") == nullptr);
}

TEST_CASE("NodeOrder: move_after keeps order comparisons and prev links consistent") {
  auto g = std::make_shared<fx::Graph>();
  fx::Node* a = g->placeholder("a");
  fx::Node* b = g->call_function(fx::operator_target("neg"), {a});
  fx::Node* c = g->call_function(fx::operator_target("neg"), {a});
  fx::Node* d = g->call_function(fx::operator_target("neg"), {a});
  NodeOrder order(*g);
  order.move_after(a, d);
  CHECK(order.nodes() == std::vector<fx::Node*>{a, d, b, c});
  CHECK(order.before(d, b));
  CHECK(order.prev(b) == d);
  for (int i = 0; i < 80; ++i) order.move_after(a, i % 2 ? b : c); // exhausts midpoints
  CHECK(order.before(a, order.nodes()[1]));
  auto rebuilt = rebuild_in_order(order);
  CHECK(names_of(*rebuilt).size() == 4);
}
