#include "parley/doc/component.hpp"

#include <utility>

namespace parley {

std::string layer_names(Layer layers) {
  static constexpr std::pair<Layer, const char*> kNames[] = {{Layer::kTokens, "tokens"},
                                                             {Layer::kTags, "tags"},
                                                             {Layer::kDependencies, "dependencies"},
                                                             {Layer::kActors, "actors"},
                                                             {Layer::kEvents, "events"},
                                                             {Layer::kAttribution, "attribution"}};
  std::string out;
  for (const auto& [layer, name] : kNames)
    if (has_all(layers, layer)) {
      if (!out.empty()) out += ", ";
      out += name;
    }
  return out.empty() ? "none" : out;
}

}  // namespace parley
