// The common interface of pipeline components (segmenter, tagger, parser, actor resolver, ...):
// each takes an Article and adds its layer in place. Components are immutable after loading,
// so one instance serves every worker thread.
#pragma once

#include <string_view>

#include "parley/doc/document.hpp"

namespace parley {

class Component {
 public:
  virtual ~Component() = default;
  virtual std::string_view name() const = 0;
  virtual void process(Article& article) const = 0;
};

}  // namespace parley
