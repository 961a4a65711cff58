// The CAMEO codebook (every code with its name, Goldstein score and quad class) and its PLOVER
// mapping, loaded from data/cameo/ (sources in data/cameo/README.md).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace parley::extract {

struct CameoCode {
  std::string code;  // "0256"
  std::string name;  // "Appeal for de-escalation of military engagement"
  double goldstein = 0;
  int quad_class =
      0;  // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
  std::string plover_type, plover_mode, plover_context;  // "" when PLOVER has no counterpart
};

class Ontology {
 public:
  static Ontology load(const std::string& data_dir);  // data_dir/cameo/{cameo,plover}.tsv
  const CameoCode* find(std::string_view code) const;
  // "0256" -> "02"
  static std::string root(std::string_view code) { return std::string(code.substr(0, 2)); }
  const std::vector<CameoCode>& codes() const { return codes_; }

 private:
  std::vector<CameoCode> codes_;
  std::unordered_map<std::string, size_t> index_;
};

}  // namespace parley::extract
