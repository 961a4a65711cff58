// Coreference of actor mentions against GUM's entity chains. Parley runs its actors stage over
// each gold document (gold words, Parley's own tags and entities); each Parley mention is aligned
// to the gold mention that shares its head word (the gold mention whose syntactic head lies in
// the Parley mention's span; of several, the one overlapping it most, then the shortest). A
// mention is scored when it is aligned and its actor has an earlier mention (its antecedent: the
// previous mention of the same actor). It is right when the antecedent is aligned to a gold
// mention of the same gold chain. Accuracy = right / scored, per mention kind (name, pronoun,
// description, metonym). Coverage counts the gold name and pronoun mentions that have an
// earlier mention in their chain, and how many of them Parley linked to the right chain.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "parley/actors/actor_resolver.hpp"

namespace parley::eval {

struct CorefCounts {
  size_t scored = 0, correct = 0;
  double accuracy() const {
    return scored ? 100.0 * static_cast<double>(correct) / static_cast<double>(scored) : 0;
  }
};

struct CorefScores {
  std::map<std::string, CorefCounts> by_kind;
  CorefCounts overall;
  size_t documents = 0, parley_mentions = 0, aligned = 0;
  // Gold anaphoric name/pronoun mentions (an earlier mention of their chain exists).
  size_t gold_anaphors = 0, gold_anaphors_linked = 0;
  std::vector<std::string> errors;  // wrong links in context
};

CorefScores evaluate_coref(const ActorResolver& resolver, const std::string& gum_path,
                           const std::string& doc_prefix, size_t max_errors);
std::string format_coref_table(const CorefScores& scores, const std::string& title);

}  // namespace parley::eval
