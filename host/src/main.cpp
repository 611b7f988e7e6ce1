#include "app.hpp"

int main(int argc, char** argv) {
  return gptme_sessions::host::run(argc, argv);
}
