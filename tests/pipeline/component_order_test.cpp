// Components declare the layers they need and add; a pipeline built in the wrong order is an
// error when it is built.
#include <gtest/gtest.h>

#include <stdexcept>

#include "../test_support.hpp"
#include "parley/actors/actor_resolver.hpp"
#include "parley/extract/attribution.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/pipeline/pipeline.hpp"
#include "parley/pipeline/standard.hpp"

namespace parley {
namespace {

// The error message of `add`, "" when it did not throw.
std::string add_error(Pipeline& p, std::shared_ptr<const Component> c) {
  try {
    p.add(std::move(c));
  } catch (const std::logic_error& e) {
    return e.what();
  }
  return "";
}

TEST(ComponentOrder, ParserBeforeTaggerIsAnError) {
  Pipeline p;
  p.add(std::make_shared<Segmenter>(test::segmenter()));
  std::string err =
      add_error(p, std::make_shared<nlp::Parser>(nlp::Parser::load(default_model_dir())));
  EXPECT_NE(err.find("'parser' needs tags"), std::string::npos) << err;
  EXPECT_EQ(p.layers(), Layer::kTokens);  // the rejected parser added nothing
  p.add(std::make_shared<nlp::Tagger>(nlp::Tagger::load(default_model_dir())));
  EXPECT_EQ(add_error(p, std::make_shared<nlp::Parser>(nlp::Parser::load(default_model_dir()))),
            "");
  EXPECT_EQ(p.layers(), Layer::kTokens | Layer::kTags | Layer::kDependencies);
}

TEST(ComponentOrder, TaggerWithoutTokensAndAttributionWithoutActorsAreErrors) {
  Pipeline empty;
  std::string err =
      add_error(empty, std::make_shared<nlp::Tagger>(nlp::Tagger::load(default_model_dir())));
  EXPECT_NE(err.find("'tagger' needs tokens"), std::string::npos) << err;
  // Tokens given by the input (a gold file) satisfy the tagger.
  Pipeline gold(Layer::kTokens);
  EXPECT_EQ(add_error(gold, std::make_shared<nlp::Tagger>(nlp::Tagger::load(default_model_dir()))),
            "");
  gold.add(std::make_shared<nlp::Parser>(nlp::Parser::load(default_model_dir())));
  err = add_error(
      gold, std::make_shared<extract::Attribution>(extract::Attribution::load(default_data_dir())));
  EXPECT_NE(err.find("'attribution' needs actors"), std::string::npos) << err;
}

TEST(ComponentOrder, StandardPipelineAddsEveryLayerInOrder) {
  const ResourcePaths r = resolve_resources();
  EXPECT_EQ(standard_pipeline(Stage::Segment, r).layers(), Layer::kTokens);
  EXPECT_EQ(standard_pipeline(Stage::Parse, r).layers(),
            Layer::kTokens | Layer::kTags | Layer::kDependencies);
  EXPECT_EQ(standard_pipeline(Stage::Attribution, r).layers(),
            Layer::kTokens | Layer::kTags | Layer::kDependencies | Layer::kActors | Layer::kEvents |
                Layer::kAttribution);
}

TEST(ComponentOrder, LayerNamesForMessages) {
  EXPECT_EQ(layer_names(Layer::kNone), "none");
  EXPECT_EQ(layer_names(Layer::kTags | Layer::kActors), "tags, actors");
}

}  // namespace
}  // namespace parley
