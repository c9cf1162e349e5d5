#include <doctest/doctest.h>

#include "core/common/artifacts.h"

using namespace bwhop::common;

TEST_CASE("record_artifact writes only while a log is installed") {
  record_artifact("graph_code", "dropped");
  ArtifactLog outer;
  {
    ScopedArtifactLog scope(outer);
    record_artifact("graph_code", "a");
    ArtifactLog inner;
    {
      ScopedArtifactLog nested(inner);
      record_artifact("aot_graphs", "b");
    }
    CHECK(inner.entries().size() == 1);
    record_artifact("output_code", "c");
  }
  record_artifact("graph_code", "dropped again");
  REQUIRE(outer.entries().size() == 2);
  CHECK(outer.entries()[0].name == "graph_code");
  CHECK(outer.entries()[1].text == "c");
}
