// The common interface of pipeline components (segmenter, tagger, parser, actor resolver, ...):
// each takes an Article and adds its layer in place. Components are immutable after loading,
// so one instance serves every worker thread. It lives with the document model, below every
// stage that implements it; the pipeline (above them) only strings components together.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "parley/doc/document.hpp"

namespace parley {

// The layers of an Article, in the order the standard pipeline fills them. A component
// declares the layers it needs and those it adds; Pipeline::add rejects a component whose
// needs no earlier component added, so a wrong order is an error when the pipeline is built,
// not an empty layer at run time.
enum class Layer : uint32_t {
  kNone = 0,
  kTokens = 1u << 0,        // sentences, tokens, words (segmenter)
  kTags = 1u << 1,          // upos, xpos, lemma, feats (tagger)
  kDependencies = 1u << 2,  // head, deprel (parser)
  kActors = 1u << 3,        // actors, mentions (actor resolver)
  kEvents = 1u << 4,        // events (event coder)
  kAttribution = 1u << 5,   // quotes, claims, positions, divergences
};
constexpr Layer operator|(Layer a, Layer b) {
  return static_cast<Layer>(static_cast<uint32_t>(a) | static_cast<uint32_t>(b));
}
constexpr Layer operator&(Layer a, Layer b) {
  return static_cast<Layer>(static_cast<uint32_t>(a) & static_cast<uint32_t>(b));
}
// Does `set` hold every layer of `wanted`?
constexpr bool has_all(Layer set, Layer wanted) {
  return (set & wanted) == wanted;
}
// "tokens, tags": the layers of a set, for error messages.
std::string layer_names(Layer layers);

class Component {
 public:
  virtual ~Component() = default;
  virtual std::string_view name() const = 0;
  // The layers process() reads (which earlier components must add) and those it adds. The
  // defaults (none, none) suit a component that only reads the text.
  virtual Layer needs() const { return Layer::kNone; }
  virtual Layer adds() const { return Layer::kNone; }
  virtual void process(Article& article) const = 0;
};

}  // namespace parley
