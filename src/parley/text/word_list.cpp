#include "parley/text/word_list.hpp"

#include <stdexcept>

#include "parley/text/tsv.hpp"

namespace parley::text {

WordList WordList::from_file(const std::string& path) {
  WordList list;
  size_t line = 0;
  for (auto& row : read_tsv(path, false, "word list")) {
    ++line;
    if (row[0].empty())
      throw std::runtime_error(path + ": entry " + std::to_string(line) + " is empty");
    list.entries_.try_emplace(std::move(row[0]),
                              row.size() > 1 ? std::move(row[1]) : std::string());
  }
  return list;
}

WordList WordList::load(const std::string& data_dir, std::string_view name) {
  return from_file(data_dir + "/words/" + std::string(name) + ".tsv");
}

std::string_view WordList::value(std::string_view word) const {
  auto it = entries_.find(word);
  return it == entries_.end() ? std::string_view() : std::string_view(it->second);
}

std::shared_ptr<const WordLists> WordLists::load(const std::string& data_dir) {
  auto w = std::make_shared<WordLists>();
  w->light_verbs = WordList::load(data_dir, "light-verbs");
  w->object_control_verbs = WordList::load(data_dir, "object-control-verbs");
  w->speech_verbs = WordList::load(data_dir, "speech-verbs");
  w->report_verbs = WordList::load(data_dir, "report-verbs");
  w->request_verbs = WordList::load(data_dir, "request-verbs");
  w->content_verbs = WordList::load(data_dir, "content-verbs");
  w->naming_verbs = WordList::load(data_dir, "naming-verbs");
  w->document_nouns = WordList::load(data_dir, "document-nouns");
  w->stance_verbs = WordList::load(data_dir, "stance-verbs");
  w->stance_nouns = WordList::load(data_dir, "stance-nouns");
  w->viewpoint_nouns = WordList::load(data_dir, "viewpoint-nouns");
  w->claim_nouns = WordList::load(data_dir, "claim-nouns");
  w->occurrence_heads = WordList::load(data_dir, "occurrence-heads");
  w->proxy_nouns = WordList::load(data_dir, "proxy-nouns");
  w->org_heads = WordList::load(data_dir, "org-heads");
  w->back_reference_heads = WordList::load(data_dir, "back-reference-heads");
  w->document_heads = WordList::load(data_dir, "document-heads");
  w->org_head_sectors = WordList::load(data_dir, "org-head-sectors");
  w->temporal_words = WordList::load(data_dir, "temporal-words");
  w->name_stop_words = WordList::load(data_dir, "name-stop-words");
  w->locative_words = WordList::load(data_dir, "locative-words");
  w->foreign_group_markers = WordList::load(data_dir, "foreign-group-markers");
  w->quantity_words = WordList::load(data_dir, "quantity-words");
  w->rank_words = WordList::load(data_dir, "rank-words");
  w->measure_nouns = WordList::load(data_dir, "measure-nouns");
  w->cameo_sectors = WordList::load(data_dir, "cameo-sectors");
  w->non_state_sectors = WordList::load(data_dir, "non-state-sectors");
  return w;
}

}  // namespace parley::text
