// Code generation, print_readable layout and print(graph). Expected texts come
// from PyTorch 1.13 (python3-torch here) for forms unchanged since, with the
// newer `num_users=` spelling and self-deletion of unused nodes the reference
// documents, or from the reference's rules where noted.
#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/fx/codegen.h"
#include "core/fx/graph.h"
#include "core/fx/graph_format.h"
#include "core/fx/graph_module.h"
#include "core/fx/normalize.h"
#include "core/fx/target.h"
#include "core/fx/type_expr.h"
#include "fx_test_util.h"

using namespace bwhop::fx;
using namespace bwhop::fx::testing;
using bwhop::tensor::ScalarType;

namespace {

// The graph of the 1.13 oracle run: getitem with a slice, in-place add,
// get_attr, call_module with kwargs, call_method, neg, torch.add.
std::shared_ptr<Graph> mixed_graph() {
  auto g = std::make_shared<Graph>();
  Node* x = g->placeholder("x");
  Node* y = g->placeholder_with_default("y", 3);
  Node* a = g->call_function(operator_target("getitem"),
                             {x, Argument::tuple({Argument::slice(nullptr, nullptr, nullptr), 0})});
  Node* b = g->call_function(operator_target("iadd"), {a, y});
  Node* c = g->get_attr("linear.weight");
  Node* d = g->call_module("sub.mod", {b, c}, {{"alpha", 0.5}, {"s", "it's"}});
  Node* e = g->call_method("view", {d, Argument::list({-1, 2})}, {{"dtype", ScalarType::Float}});
  Node* f = g->call_function(operator_target("neg"), {e});
  Node* h = g->call_function(global_function_target("torch", "add"), {f, 1e-05});
  g->output(h);
  return g;
}

} // namespace

TEST_CASE(".code of a graph using every statement form") {
  CHECK(python_code(*mixed_graph()) ==
        "\n\n\ndef forward(self, x, y = 3):\n"
        "    getitem = x[(slice(None, None, None), 0)];  x = None\n"
        "    getitem += y;  iadd = getitem;  getitem = y = None\n"
        "    linear_weight = self.linear.weight\n"
        "    sub_mod = self.sub.mod(iadd, linear_weight, alpha = 0.5, s = \"it's\");  iadd = "
        "linear_weight = None\n"
        "    view = sub_mod.view([-1, 2], dtype = torch.float32);  sub_mod = None\n"
        "    neg = -view;  view = None\n"
        "    add = torch.add(neg, 1e-05);  neg = None\n"
        "    return add\n"
        "    ");
}

TEST_CASE("print(graph) format") {
  CHECK(format_graph(*mixed_graph()) ==
        "graph():\n"
        "    %x : [num_users=1] = placeholder[target=x]\n"
        "    %y : [num_users=1] = placeholder[target=y](default=3)\n"
        "    %getitem : [num_users=1] = call_function[target=operator.getitem](args = (%x, "
        "(slice(None, None, None), 0)), kwargs = {})\n"
        "    %iadd : [num_users=1] = call_function[target=operator.iadd](args = (%getitem, %y), "
        "kwargs = {})\n"
        "    %linear_weight : [num_users=1] = get_attr[target=linear.weight]\n"
        "    %sub_mod : [num_users=1] = call_module[target=sub.mod](args = (%iadd, "
        "%linear_weight), kwargs = {alpha: 0.5, s: it's})\n"
        "    %view : [num_users=1] = call_method[target=view](args = (%sub_mod, [-1, 2]), kwargs = "
        "{dtype: torch.float32})\n"
        "    %neg : [num_users=1] = call_function[target=operator.neg](args = (%view,), kwargs = "
        "{})\n"
        "    %add : [num_users=1] = call_function[target=torch.add](args = (%neg, 1e-05), kwargs = "
        "{})\n"
        "    return add");
}

TEST_CASE("typed placeholders, getattr attribute form, unused node deletes itself") {
  // Same graph through the 1.13 oracle, plus the newer self-deletion (§1.10).
  auto g = std::make_shared<Graph>();
  Node* x = g->placeholder("L_x_", class_type("torch", "Tensor"));
  Node* y = g->placeholder("L_y_", class_type("torch", "Tensor"));
  Node* m = g->call_function(operator_target("mul"), {x, y});
  Node* s = g->call_method("sum", {m}, {{"dim", 1}});
  Node* shape = g->call_function(builtin_target("getattr"), {s, "shape"});
  g->call_function(global_function_target("torch._C", "_set_grad_enabled"), {false});
  g->output(Argument::tuple({s, shape}));
  GraphModule gm(g);
  CHECK(gm.code() ==
        "\n\n\ndef forward(self, L_x_ : torch.Tensor, L_y_ : torch.Tensor):\n"
        "    l_x_ = L_x_\n"
        "    l_y_ = L_y_\n"
        "    mul = l_x_ * l_y_;  l_x_ = l_y_ = None\n"
        "    sum_1 = mul.sum(dim = 1);  mul = None\n"
        "    getattr_1 = sum_1.shape\n"
        "    _set_grad_enabled = torch._C._set_grad_enabled(False);  _set_grad_enabled = None\n"
        "    return (sum_1, getattr_1)\n"
        "    ");
  CHECK(format_graph(*g) ==
        "graph():\n"
        "    %l_x_ : torch.Tensor [num_users=1] = placeholder[target=L_x_]\n"
        "    %l_y_ : torch.Tensor [num_users=1] = placeholder[target=L_y_]\n"
        "    %mul : [num_users=1] = call_function[target=operator.mul](args = (%l_x_, %l_y_), "
        "kwargs = {})\n"
        "    %sum_1 : [num_users=2] = call_method[target=sum](args = (%mul,), kwargs = {dim: 1})\n"
        "    %getattr_1 : [num_users=1] = call_function[target=builtins.getattr](args = (%sum_1, "
        "shape), kwargs = {})\n"
        "    %_set_grad_enabled : [num_users=0] = "
        "call_function[target=torch._C._set_grad_enabled](args = (False,), kwargs = {})\n"
        "    return (sum_1, getattr_1)");
  // The reference's Dynamo example (§5): one-element tuple return, blank line
  // after the renames where the stack-trace comment was.
  auto d = std::make_shared<Graph>();
  Node* dx = d->placeholder("L_x_", class_type("torch", "Tensor"));
  dx->set_tensor_meta(make_tensor_meta(ScalarType::Float, {2}));
  Node* dy = d->placeholder("L_y_", class_type("torch", "Tensor"));
  dy->set_tensor_meta(make_tensor_meta(ScalarType::Float, {2}));
  Node* dm = d->call_function(operator_target("mul"), {dx, dy});
  dm->set_tensor_meta(make_tensor_meta(ScalarType::Float, {2}));
  dm->set_stack_trace(traceback({{"/x/t.py", 5, "fn", "return x * y"}}));
  d->output(Argument::tuple({dm}));
  std::string raw = GraphModule(d).print_readable(false);
  CHECK(raw == "class GraphModule(torch.nn.Module):\n"
               "    def forward(self, L_x_: \"f32[2]\", L_y_: \"f32[2]\"):\n"
               "        l_x_ = L_x_\n"
               "        l_y_ = L_y_\n"
               "        \n"
               "        # File: /x/t.py:5 in fn, code: return x * y\n"
               "        mul: \"f32[2]\" = l_x_ * l_y_;  l_x_ = l_y_ = None\n"
               "        return (mul,)\n"
               "        ");
  CHECK(normalize_gm(raw) == "class GraphModule(torch.nn.Module):\n"
                             "    def forward(self, L_x_: \"f32[2]\", L_y_: \"f32[2]\"):\n"
                             "        l_x_ = L_x_\n"
                             "        l_y_ = L_y_\n"
                             "\n"
                             "        mul: \"f32[2]\" = l_x_ * l_y_;  l_x_ = l_y_ = None\n"
                             "        return (mul,)\n");
}

TEST_CASE("deletions follow last uses in argument order, never at return") {
  Graph g;
  Node* a = g.placeholder("a");
  Node* b = g.placeholder("b");
  const Target* add = operator_target("add");
  Node* s1 = g.call_function(add, {b, a});                  // a, b still used later
  Node* s2 = g.call_function(add, {s1, a}, {{"alpha", b}}); // last use of s1, a, b
  Node* s3 = g.call_function(add, {s2, s2});
  g.output(Argument::list({s3, s2}));
  CHECK(python_code(g) == "\n\n\ndef forward(self, a, b):\n"
                          "    add = b + a\n"
                          "    add_1 = add + a;  add = a = b = None\n"
                          "    add_2 = add_1 + add_1\n"
                          "    return [add_2, add_1]\n"
                          "    ");
}

TEST_CASE("stack-trace comments group nodes; A B A gives three comments") {
  Graph g;
  Node* x = g.placeholder("x");
  const Target* mul = operator_target("mul");
  std::string ta = traceback({{"/a.py", 1, "outer", "f()"}, {"/t.py", 3, "f", "y = x * 2"}});
  std::string ta_other_caller =
      traceback({{"/a.py", 9, "outer", "f()"}, {"/t.py", 3, "f", "y = x * 2"}});
  std::string tb = traceback({{"/t.py", 4, "f", "z = y * 3"}});
  Node* n1 = g.call_function(mul, {x, 2});
  n1->set_stack_trace(ta);
  Node* n2 = g.call_function(mul, {n1, 3});
  n2->set_stack_trace(ta_other_caller); // same innermost frame: same group
  Node* n3 = g.call_function(mul, {n2, 4});
  n3->set_stack_trace(tb);
  Node* n4 = g.call_function(mul, {n3, 5});
  n4->set_stack_trace(ta);
  Node* n5 = g.call_function(mul, {n4, 6}); // no trace
  g.output(n5);
  CHECK(GraphModule(std::shared_ptr<Graph>(&g, [](Graph*) {})).print_readable(false) ==
        "class GraphModule(torch.nn.Module):\n"
        "    def forward(self, x):\n"
        "        # File: /t.py:3 in f, code: y = x * 2\n"
        "        mul = x * 2;  x = None\n"
        "        mul_1 = mul * 3;  mul = None\n"
        "        \n"
        "        # File: /t.py:4 in f, code: z = y * 3\n"
        "        mul_2 = mul_1 * 4;  mul_1 = None\n"
        "        \n"
        "        # File: /t.py:3 in f, code: y = x * 2\n"
        "        mul_3 = mul_2 * 5;  mul_2 = None\n"
        "        \n"
        "        # No stacktrace found for following nodes\n"
        "        mul_4 = mul_3 * 6;  mul_3 = None\n"
        "        return mul_4\n"
        "        ");
}

TEST_CASE("annotations: Sym, list type, strides, devices, subclasses") {
  auto g = std::make_shared<Graph>();
  Node* l = g->placeholder("L_inputs_", builtin_type("list"));
  Node* t = g->placeholder("L_t_", class_type("torch", "Tensor"));
  auto meta = std::make_shared<TensorMeta>();
  meta->dtype = ScalarType::Double;
  meta->shape = {sym("s77"), 3};
  meta->stride = {3, 1};
  meta->subclass = "TwoTensor";
  t->set_tensor_meta(meta);
  Node* n = g->call_method("size", {t, 0});
  n->set_sym_meta(sym("s77"));
  Node* i = g->call_function(operator_target("getitem"), {l, 0});
  i->set_tensor_meta(make_tensor_meta(ScalarType::Long, {}));
  g->output(Argument::tuple({n, i}));
  GraphModule gm(g);
  CHECK(normalize_gm(gm.print_readable(false, {true, true})) ==
        "class GraphModule(torch.nn.Module):\n"
        "    def forward(self, L_inputs_ : list, L_t_: \"TwoTensor(f64[s77, 3][3, 1]cpu)\"):\n"
        "        l_inputs_ = L_inputs_\n"
        "        l_t_ = L_t_\n"
        "\n"
        "        size: \"Sym(s77)\" = l_t_.size(0);  l_t_ = None\n"
        "        getitem: \"i64[][]cpu\" = l_inputs_[0];  l_inputs_ = None\n"
        "        return (size, getitem)\n");
  // Non-verbose code shows only the plain types.
  CHECK(gm.code().find("def forward(self, L_inputs_ : list, L_t_ : torch.Tensor):") !=
        std::string::npos);
}

TEST_CASE("print_readable nests sub-modules four spaces deeper") {
  auto body = std::make_shared<Graph>();
  Node* bx = body->placeholder("l_x_");
  Node* bm = body->call_function(operator_target("mul"), {bx, 2});
  body->output(Argument::tuple({bm}));
  auto main = std::make_shared<Graph>();
  Node* x = main->placeholder("L_x_");
  Node* attr = main->get_attr("wrap_body_0");
  Node* call = main->call_function(higher_order_target("wrap"), {attr, x});
  Node* item = main->call_function(operator_target("getitem"), {call, 0});
  main->output(Argument::tuple({item}));
  GraphModule gm(main);
  gm.add_child("wrap_body_0", std::make_shared<GraphModule>(body, "ignored"));
  CHECK(
      normalize_gm(gm.print_readable(false)) ==
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, L_x_):\n"
      "        l_x_ = L_x_\n"
      "\n"
      "        wrap_body_0 = self.wrap_body_0\n"
      "        wrap = torch.ops.higher_order.wrap(wrap_body_0, l_x_);  wrap_body_0 = l_x_ = None\n"
      "        getitem = wrap[0];  wrap = None\n"
      "        return (getitem,)\n"
      "\n"
      "    class wrap_body_0(torch.nn.Module):\n"
      "        def forward(self, l_x_):\n"
      "            mul = l_x_ * 2;  l_x_ = None\n"
      "            return (mul,)\n");
}

TEST_CASE("global names: torch objects dotted, others mangled, distinct objects suffixed") {
  Graph g;
  Node* x = g.placeholder("x");
  const Target* a =
      fresh_function_target("torch._dynamo._trace_wrapped_higher_order_op", "self_invoke");
  const Target* b =
      fresh_function_target("torch._dynamo._trace_wrapped_higher_order_op", "self_invoke");
  Node* n1 = g.call_function(a, {x}, {}, "trace_wrapped");
  Node* n2 = g.call_function(b, {n1}, {}, "trace_wrapped");
  Node* n3 = g.call_function(a, {n2}, {}, "trace_wrapped");
  Node* n4 = g.call_function(aten_target("aten", "mul", "Tensor"), {n3, n3}, {}, "mul");
  Node* n5 = g.call_function(global_function_target("__main__", "foo"), {n4});
  Node* n6 = g.call_function(operator_target("not_"), {n5});
  g.output(n6);
  CHECK(
      python_code(g) ==
      "\n\n\ndef forward(self, x):\n"
      "    trace_wrapped = torch__dynamo__trace_wrapped_higher_order_op_self_invoke(x);  x = None\n"
      "    trace_wrapped_1 = "
      "torch__dynamo__trace_wrapped_higher_order_op_self_invoke_1(trace_wrapped);  trace_wrapped = "
      "None\n"
      "    trace_wrapped_2 = "
      "torch__dynamo__trace_wrapped_higher_order_op_self_invoke(trace_wrapped_1);  trace_wrapped_1 "
      "= None\n"
      "    mul = torch.ops.aten.mul.Tensor(trace_wrapped_2, trace_wrapped_2);  trace_wrapped_2 = "
      "None\n"
      "    foo = __main___foo(mul);  mul = None\n"
      "    not_ = _operator_not_(foo);  foo = None\n"
      "    return not_\n"
      "    ");
}

TEST_CASE("a node whose name a global already took is renamed in the printout only") {
  Graph g;
  Node* x = g.placeholder("x");
  Node* f = g.call_function(global_function_target("__main__", "foo"), {x});
  // A later node explicitly named like the mangled global.
  Node* clash = g.call_function(operator_target("neg"), {f}, {}, "__main___foo");
  g.output(clash);
  CHECK(clash->name() == "__main___foo");
  CHECK(python_code(g) == "\n\n\ndef forward(self, x):\n"
                          "    foo = __main___foo(x);  x = None\n"
                          "    __main___foo_1 = -foo;  foo = None\n"
                          "    return __main___foo_1\n"
                          "    ");
}

TEST_CASE("return forms, return annotation, empty graph body") {
  Graph g;
  g.placeholder("x");
  g.output(Argument::tuple({}), builtin_type("tuple"));
  CHECK(python_code(g) == "\n\n\ndef forward(self, x) -> tuple:\n    return ()\n    ");
  Graph empty;
  CHECK(python_code(empty) == "\n\n\ndef forward(self):\n    pass\n    ");
  Graph consts;
  consts.output(Argument::list({1.0, "s", Device{"cuda", 0}, ScalarType::Long, true}));
  CHECK(python_code(consts) ==
        "\n\n\ndef forward(self):\n"
        "    return [1.0, 's', device(type='cuda', index=0), torch.int64, True]\n"
        "    ");
  CHECK(format_graph(consts) ==
        "graph():\n    return [1.0, 's', device(type='cuda', index=0), torch.int64, True]");
}

TEST_CASE("dict arguments and nodes inside them") {
  Graph g;
  Node* x = g.placeholder("x");
  ArgDict d;
  d.add("a", x);
  d.add("b", 2);
  Node* call = g.call_function(global_function_target("__main__", "f"), {d});
  g.output(call);
  CHECK(python_code(g) == "\n\n\ndef forward(self, x):\n"
                          "    f = __main___f({'a': x, 'b': 2});  x = None\n"
                          "    return f\n"
                          "    ");
  CHECK(format_graph(g) == "graph():\n"
                           "    %x : [num_users=1] = placeholder[target=x]\n"
                           "    %f : [num_users=1] = call_function[target=__main__.f](args = ({a: "
                           "%x, b: 2},), kwargs = {})\n"
                           "    return f");
}
