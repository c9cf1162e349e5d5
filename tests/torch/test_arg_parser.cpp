// The generic schema path: every spelling of an op reaches the same registry
// entry, overloads are picked as PyTorch's python arg parser picks them, and
// arguments are converted by the schema's types.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/lang/native.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/op_def.h"
#include "tests/torch/run_script.h"

namespace {

using bwhop::torchmod::testing::run_script;
namespace tensor = bwhop::tensor;

// Records the qualified name and argument reprs of every op that reaches it.
class RecordingMode : public tensor::DispatchMode {
public:
  std::vector<std::string> calls;
  tensor::IValue dispatch(const tensor::OpDef& op, const tensor::Args& args) override {
    std::string line = op.qualified + "(";
    for (size_t i = 0; i < args.size(); ++i) line += (i ? ", " : "") + args[i].repr();
    calls.push_back(line + ")");
    return tensor::call_backend(op, args);
  }
};

// Runs the prelude, then `body` with a recording mode on the stack (pushed by
// the script itself through a test module, on the interpreter's thread).
std::vector<std::string> ops_of(const std::string& prelude, const std::string& body) {
  auto mode = std::make_shared<RecordingMode>();
  namespace native = bwhop::lang::native;
  native::register_native_module("recorder", [mode](const bwhop::lang::Value& m) {
    native::module_def(m, "start", [mode](const bwhop::lang::Args&) {
      tensor::push_mode(mode);
      return native::none();
    });
    native::module_def(m, "stop", [](const bwhop::lang::Args&) {
      tensor::pop_mode();
      return native::none();
    });
  });
  std::string indented;
  for (size_t pos = 0; pos < body.size();) {
    size_t nl = body.find('\n', pos);
    if (nl == std::string::npos) nl = body.size();
    indented += "    " + body.substr(pos, nl - pos) + "\n";
    pos = nl + 1;
  }
  auto r = run_script("import torch\nimport recorder\n" + prelude + "\nrecorder.start()\ntry:\n" +
                      indented + "finally:\n    recorder.stop()\n");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  return mode->calls;
}

} // namespace

TEST_CASE("operator, function and method reach the same registry entry") {
  auto calls = ops_of("x = torch.ones(2)\ny = torch.ones(2)", "x * y\ntorch.mul(x, y)\nx.mul(y)");
  REQUIRE(calls.size() == 3);
  for (const auto& c : calls) CHECK(c.rfind("mul.Tensor(", 0) == 0);
}

TEST_CASE("overloads are chosen as PyTorch's arg parser chooses them") {
  auto calls = ops_of("x = torch.ones(2)\ny = torch.ones(2)",
                      "x * 2\nx - 1\n1 - x\nx > 0\nx > y\nx ** 2\nx.pow(y)\ntorch.pow(2, x)\n"
                      "x.sum()\nx.sum(0)\nx.sum(dim=0, keepdim=True)\nx / 2");
  std::vector<std::string> names;
  for (const auto& c : calls) names.push_back(c.substr(0, c.find('(')));
  CHECK(names == std::vector<std::string>{"mul.Tensor", "sub.Tensor", "rsub.Scalar", "gt.Scalar",
                                          "gt.Tensor", "pow.Tensor_Scalar", "pow.Tensor_Tensor",
                                          "pow.Scalar", "sum", "sum.dim_IntList", "sum.dim_IntList",
                                          "div.Tensor"});
  // A Python number for a Tensor parameter of mul is passed as a number.
  CHECK(calls[0].find(", 2)") != std::string::npos);
}

TEST_CASE("int lists take varargs, tuples and torch.Size; factories get PyTorch's options") {
  auto calls = ops_of("x = torch.ones(6)",
                      "torch.zeros(2, 3)\ntorch.zeros((2, 3))\nx.view(3, 2)\nx.view(x.shape)\n"
                      "torch.zeros_like(x)");
  REQUIRE(calls.size() == 5);
  CHECK(calls[0] == "zeros([2, 3], None, None, device(type='cpu'), False)");
  CHECK(calls[1] == calls[0]);
  CHECK(calls[2].find("view(") == 0);
  CHECK(calls[2].find("[3, 2])") != std::string::npos);
  CHECK(calls[3].find("[6])") != std::string::npos);
  CHECK(calls[4].find("torch.float32, torch.strided, device(type='cpu'), False") !=
        std::string::npos);
}

TEST_CASE("argument errors are PyTorch's TypeErrors; operators fall back to NotImplemented") {
  auto r = run_script("import torch\nx = torch.ones(2)\n"
                      "try:\n    torch.mul(x, 'a')\nexcept TypeError as e:\n    print(e)\n"
                      "try:\n    x.unsqueeze(1.5)\nexcept TypeError as e:\n    print(e)\n"
                      "try:\n    x + 'a'\nexcept TypeError as e:\n    print(e)\n"
                      "print(x == None)\n");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "mul(): argument 'other' (position 2) must be Tensor, not str\n"
                 "unsqueeze(): argument 'dim' (position 1) must be int, not float\n"
                 "unsupported operand type(s) for +: 'Tensor' and 'str'\n"
                 "False\n");
}

TEST_CASE("requires_grad= on factories and dtype= accepting Python types") {
  auto r =
      run_script("import torch\nprint(torch.ones(2, requires_grad=True))\n"
                 "print(torch.zeros(1, dtype=float).dtype, torch.zeros(1, dtype=int).dtype)\n");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  CHECK(r.out == "tensor([1., 1.], requires_grad=True)\ntorch.float64 torch.int64\n");
}
