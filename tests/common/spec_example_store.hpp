// What the core and CLI tests know about tests/data/core/spec_example_store.jsonl, the store
// of the spec's acceptance examples.
#pragma once

#include <string>
#include <vector>

namespace gptme_sessions::testing {

// Its session ids, in line order.
inline const std::vector<std::string> k_spec_example_store_ids = {
    "a1b2c3d4", "a1b2ffff", "b7e01234", "c0ffee00", "d00d0001", "e5e5e5e5", "f1f2f3f4", "0a0b0c0d"};

} // namespace gptme_sessions::testing
