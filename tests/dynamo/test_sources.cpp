// Sources: printed names, graph-input names, reading values back.
#include <doctest/doctest.h>

#include "core/dynamo/source.h"
#include "core/lang/runtime.h"

using bwhop::dynamo::Source;
namespace lang = bwhop::lang;

TEST_CASE("source names print like dynamo's and sanitize into graph input names") {
  lang::init_runtime();
  auto x = Source::local("x");
  CHECK(x->name() == "L['x']");
  CHECK(x->input_name() == "L_x_");
  CHECK(Source::global("w")->input_name() == "G_w_");
  auto sizes0 = Source::item(Source::local("sizes"), lang::Value::integer(0));
  CHECK(sizes0->name() == "L['sizes'][0]");
  CHECK(sizes0->input_name() == "L_sizes_0_");
  auto hooks1 = Source::item(Source::local("hooks"), lang::Value::integer(1));
  auto fn = Source::item(Source::attr(hooks1, "keywords"), lang::new_str("fn"));
  CHECK(fn->name() == "L['hooks'][1].keywords['fn']");
  auto counter =
      Source::attr(Source::item(Source::attr(fn, "keywords"), lang::new_str("obj")), "counter");
  CHECK(counter->name() == "L['hooks'][1].keywords['fn'].keywords['obj'].counter");
  CHECK(counter->input_name() == "L_hooks_1_keywords_fn_keywords_obj_counter");
  auto weight =
      Source::item(Source::attr(Source::item(Source::attr(Source::local("self"), "_modules"),
                                             lang::new_str("lin")),
                                "_parameters"),
                   lang::new_str("weight"));
  CHECK(weight->input_name() == "L_self_modules_lin_parameters_weight_");
}

TEST_CASE("sources read the current value from the frame") {
  lang::init_runtime();
  std::unordered_map<std::string, lang::Value> locals;
  auto list = lang::new_list({lang::Value::integer(7), lang::Value::integer(8)});
  locals["xs"] = lang::Value(list);
  lang::Value globals(lang::new_dict());
  auto src = Source::item(Source::local("xs"), lang::Value::integer(1));
  CHECK(src->read(locals, globals).as_int() == 8);
  list->items[1] = lang::Value::integer(9);
  CHECK(src->read(locals, globals).as_int() == 9);
}
