#include "core/dynamo/install.h"
#include "core/lang/modules.h"
#include "core/lang/native.h"
#include "core/unittest/native_module.h"
#include "core/unittest/runner.h"
#include "core/unittest/services.h"
#include "core/unittest/testing_sources.h"

namespace bwhop::unittest {

namespace native = lang::native;

namespace {

TestServices& stored_services() {
  static TestServices s;
  return s;
}

bool registered(const std::string& name) {
  const auto& r = lang::module_registry();
  return r.natives.count(name) > 0 || r.sources.count(name) > 0;
}

void register_package_if_absent(const std::string& name) {
  if (!registered(name)) native::register_native_module(name, [](const lang::Value&) {});
}

} // namespace

const TestServices& services() {
  return stored_services();
}

void install(TestServices s) {
  stored_services() = std::move(s);
  dynamo::install();
  register_package_if_absent("torch.testing");
  register_package_if_absent("torch.testing._internal");
  native::register_native_module("_bwhop_unittest", build_runner_module);
  native::register_source_module("torch.testing._internal.common_utils", kCommonUtilsSource);
  native::register_source_module("torch._dynamo.test_case", kDynamoTestCaseSource);
  register_package_if_absent("torch._functorch");
  // The real config belongs to dynamo/functorch; this stand-in covers patch().
  if (!registered("torch._functorch.config"))
    native::register_source_module("torch._functorch.config", kFunctorchConfigSource);
}

} // namespace bwhop::unittest
