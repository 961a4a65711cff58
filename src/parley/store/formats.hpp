// Writing stored rows (the JSON the Store's queries return) in the formats analysts load:
// JSON lines, CSV, a terminal table, GDELT 2.0 events and mentions, PLOVER JSON, GeoJSON and
// GEXF. Shared by `parley query` and the HTTP API.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace parley::store {

// One JSON object per line.
std::string to_jsonl(const nlohmann::json& rows);
// A header of the scalar fields of the first row, then one line per row; nested arrays (an
// event's mentions) are written as their length. RFC 4180 quoting.
std::string to_csv(const nlohmann::json& rows);
// Aligned columns of the given fields ("" for all scalar fields of the first row); long cells cut.
std::string to_table(const nlohmann::json& rows, const std::vector<std::string>& fields = {});

// Events (Store::events rows) as GDELT 2.0 event export rows: 61 tab-separated columns, with
// NumMentions, NumSources and NumArticles of the merged event. GlobalEventID is the number
// `parley code -f gdelt` gives the event's first mention.
std::string to_gdelt_events(const nlohmann::json& events);
// Mentions (Store::mentions rows, or the "mentions" of events) as GDELT 2.0 Mentions rows: 16
// tab-separated columns.
std::string to_gdelt_mentions(const nlohmann::json& mentions);
// PLOVER/POLECAT JSON events, one per line (events whose CAMEO code has a PLOVER type).
std::string to_plover(const nlohmann::json& events);
// A GeoJSON FeatureCollection of the events that have coordinates.
std::string to_geojson(const nlohmann::json& events);
// The actor network (Store::network rows) as GEXF 1.3: actor codes as nodes, directed dyads as
// edges weighted by their event count, with the mean Goldstein score as an attribute.
std::string to_gexf(const nlohmann::json& dyads);

// GlobalEventID of an event id "<article hash>-e<n>".
uint64_t gdelt_event_number(const std::string& event_id);

}  // namespace parley::store
