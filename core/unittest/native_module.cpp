#include "core/unittest/native_module.h"

#include <cstdlib>
#include <ostream>

#include "core/lang/ast.h"
#include "core/lang/interp.h"
#include "core/lang/native.h"
#include "core/unittest/accept_store.h"
#include "core/unittest/services.h"
#include "core/unittest/test_loop.h"

namespace bwhop::unittest {

namespace native = lang::native;
using lang::Args;
using lang::Value;

namespace {

// accept_inline(test_id, actual, skip): in accept mode records the new text
// for the literal at the call site `skip` frames above the caller and
// returns True; otherwise returns False (the assertion then fails).
Value accept_inline(const Args& args) {
  auto a = native::bind_args(args, "accept_inline", {{"test_id"}, {"actual"}, {"skip"}});
  AcceptStore& store = accept_store();
  if (!store.enabled) return native::make_bool(false);
  const lang::Frame* frame = lang::interp().top;
  for (int64_t skip = native::as_int(a[2], "skip"); frame && skip > 0; --skip)
    frame = frame->parent;
  if (!frame || !frame->file)
    native::raise_error(lang::types::RuntimeError,
                        "assertExpectedInline: cannot find the calling source line");
  store.record({frame->file->path(), frame->line, native::as_str(a[1], "actual"),
                native::as_str(a[0], "test_id")});
  return native::make_bool(true);
}

Value text_diff(const Args& args) {
  auto a = native::bind_args(args, "text_diff", {{"expected"}, {"actual"}});
  const TestServices& s = services();
  if (!s.diff) return native::make_str("");
  return native::make_str(s.diff(native::as_str(a[0], "expected"), native::as_str(a[1], "actual")));
}

bool env_set(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr;
}

// run_module_tests(name): run_tests() of a script run with `bwhop exec`.
Value run_module_tests_fn(const Args& args) {
  auto a = native::bind_args(args, "run_module_tests", {{"module_name"}});
  Value modules = native::get_attr(native::import_module("sys"), "modules");
  Value module = native::dict_get(modules, a[0]);
  if (module.is_null())
    native::raise_error(lang::types::KeyError, "no module " + native::repr_of(a[0]));
  AcceptStore& store = accept_store();
  const char* accept_env = std::getenv("EXPECTTEST_ACCEPT");
  const bool wants_accept = accept_env && std::string(accept_env) != "0" && *accept_env;
  store.enabled = wants_accept && !env_set("CI");
  store.refused_by_ci = wants_accept && env_set("CI");
  std::ostream& out = *lang::interp().out;
  Tally tally;
  run_module_tests(module, LoopConfig{}, out, tally);
  const bool accepted = store.flush(out);
  out << summary_line(tally) << '\n';
  out.flush();
  return native::make_int(tally.failed > 0 || !accepted ? 1 : 0);
}

} // namespace

void build_runner_module(const Value& m) {
  native::module_def(m, "accept_inline", accept_inline);
  native::module_def(m, "text_diff", text_diff);
  native::module_def(m, "run_module_tests", run_module_tests_fn);
}

} // namespace bwhop::unittest
