#include "core/torch/errors.h"

#include <stdexcept>

namespace bwhop::torchmod {

void rethrow_as_python() {
  try {
    throw;
  } catch (const lang::PyError&) {
    throw;
  } catch (const std::out_of_range& e) {
    lang::native::raise_error(lang::types::IndexError, e.what());
  } catch (const std::bad_alloc&) {
    lang::native::raise_error(lang::types::RuntimeError, "out of memory");
  } catch (const std::exception& e) {
    lang::native::raise_error(lang::types::RuntimeError, e.what());
  }
}

lang::NativeFn guarded(lang::NativeFn fn) {
  return
      [fn = std::move(fn)](const lang::Args& a) { return translate_errors([&] { return fn(a); }); };
}

} // namespace bwhop::torchmod
