// Raw bytes shared by a tensor and all of its views.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>

namespace bwhop::tensor {

class Storage {
public:
  explicit Storage(std::size_t nbytes)
      : bytes_(std::make_unique<std::byte[]>(nbytes ? nbytes : 1)), nbytes_(nbytes) {}
  std::byte* data() { return bytes_.get(); }
  const std::byte* data() const { return bytes_.get(); }
  std::size_t nbytes() const { return nbytes_; }

private:
  std::unique_ptr<std::byte[]> bytes_;
  std::size_t nbytes_;
};

} // namespace bwhop::tensor
