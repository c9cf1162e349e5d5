// Python repr rules FX output depends on; expected strings are CPython 3.11's.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "core/fx/py_format.h"

using namespace bwhop::fx;

TEST_CASE("float repr follows CPython") {
  CHECK(py_float_repr(1.0) == "1.0");
  CHECK(py_float_repr(0.1) == "0.1");
  CHECK(py_float_repr(2.5) == "2.5");
  CHECK(py_float_repr(1e-05) == "1e-05");
  CHECK(py_float_repr(0.0001) == "0.0001");
  CHECK(py_float_repr(1e16) == "1e+16");
  CHECK(py_float_repr(-0.0) == "-0.0");
  CHECK(py_float_repr(123456.0) == "123456.0");
  CHECK(py_float_repr(100.0) == "100.0");
  CHECK(py_float_repr(1.5e300) == "1.5e+300");
  CHECK(py_float_repr(5e-324) == "5e-324");
  CHECK(py_float_repr(0.1 + 0.2) == "0.30000000000000004");
  CHECK(py_float_repr(1234567890123456.0) == "1234567890123456.0");
  CHECK(py_float_repr(12345678901234567.0) == "1.2345678901234568e+16");
  CHECK(py_float_repr(-2.5e-7) == "-2.5e-07");
  CHECK(py_float_repr(std::numeric_limits<double>::infinity()) == "inf");
  CHECK(py_float_repr(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(py_float_repr(std::nan("")) == "nan");
}

TEST_CASE("string repr follows CPython") {
  CHECK(py_str_repr("abc") == "'abc'");
  CHECK(py_str_repr("it's") == "\"it's\"");
  CHECK(py_str_repr("say \"hi\"") == "'say \"hi\"'");
  CHECK(py_str_repr("both ' and \"") == "'both \\' and \"'");
  CHECK(py_str_repr("tab\there") == "'tab\\there'");
  CHECK(py_str_repr("nl\nx") == "'nl\\nx'");
  CHECK(py_str_repr("back\\slash") == "'back\\\\slash'");
  CHECK(py_str_repr("\x01") == "'\\x01'");
}

TEST_CASE("snake_case and identifiers as FX uses them") {
  // Examples from torch.fx.graph._snake_case's docstring and the reference.
  CHECK(snake_case("mod.snake_case") == "mod.snake_case");
  CHECK(snake_case("mod.pascalCase") == "mod.pascal_case");
  CHECK(snake_case("mod.ALL_CAPS") == "mod.all_caps");
  CHECK(snake_case("L_x_") == "l_x_");
  CHECK(snake_case("AccumulateGrad") == "accumulate_grad");
  CHECK(snake_case("mul.Tensor") == "mul.tensor");
  CHECK(is_py_identifier("shape"));
  CHECK(is_py_identifier("_x1"));
  CHECK_FALSE(is_py_identifier("1x"));
  CHECK_FALSE(is_py_identifier("a-b"));
  CHECK_FALSE(is_py_identifier(""));
}
