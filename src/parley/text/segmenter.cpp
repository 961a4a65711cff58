#include "parley/text/segmenter.hpp"

namespace parley {

namespace {
constexpr char kMagic[9] = "PRLYSEG1";
}

void SegmenterModel::save(const std::string& path) const {
  binio::Writer w(path);
  w.magic(kMagic);
  tokenizer.save(w);
  sentences.save(w);
  w.close();
}

void SegmenterModel::load(const std::string& path) {
  binio::Reader r(path);
  r.expect_magic(kMagic);
  tokenizer.load(r);
  sentences.load(r);
}

Segmenter::Segmenter(std::shared_ptr<const SegmenterModel> model)
    : model_(std::move(model)), tokenizer_(model_->tokenizer), splitter_(model_->sentences) {}

Segmenter Segmenter::load(const std::string& model_dir) {
  auto model = std::make_shared<SegmenterModel>();
  model->load(model_dir + "/segmenter.bin");
  return Segmenter(std::move(model));
}

void Segmenter::run(Article& article) const {
  tokenizer_.tokenize(article);
  splitter_.split(article);
}

}  // namespace parley
