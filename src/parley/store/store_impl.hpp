// What a Store holds: its connection and what ingest needs (store.cpp, query.cpp).
#pragma once

#include <memory>
#include <string>

#include "parley/extract/ontology.hpp"
#include "parley/store/backend.hpp"
#include "parley/store/schema.hpp"
#include "parley/store/store.hpp"

namespace parley::store {

struct Store::Impl {
  std::unique_ptr<Backend> db;
  int version = 0;
  std::string data_dir;
  double threshold = 0.8;
  std::unique_ptr<extract::Ontology> ontology;

  // Runs the migrations up to `target`, or refuses a database that is not Parley's or newer.
  void migrate(int target);
  // Stores the article's signature and bands; returns the story it belongs to (its own id
  // when no stored article is a near-duplicate).
  std::string link_story(const std::string& id, const MinHash& sig);
};

// An article's actor mentions as schema version 5 keeps them on its row: a JSON array of
// [actor, sentence, kind, start_byte, end_byte], in mention order. unpack_mentions gives the
// arrays back (none for an empty string) and throws StoreError on anything else.
std::string pack_mentions(const std::vector<Mention>& mentions);
nlohmann::json unpack_mentions(const std::string& packed);

}  // namespace parley::store
