// A stand-in event coder for the evaluators' tests: it codes each text as the test says, so the
// scores depend on the evaluator alone.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "parley/doc/document.hpp"
#include "parley/pipeline/pipeline.hpp"

namespace parley::test {

class ScriptedCoder : public Component {
 public:
  explicit ScriptedCoder(std::map<std::string, std::vector<Event>> events)
      : events_(std::move(events)) {}
  std::string_view name() const override { return "scripted"; }
  void process(Article& a) const override {
    if (auto it = events_.find(a.text); it != events_.end()) a.events = it->second;
  }

 private:
  std::map<std::string, std::vector<Event>> events_;
};

}  // namespace parley::test
