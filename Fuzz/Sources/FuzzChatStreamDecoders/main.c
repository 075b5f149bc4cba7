// libFuzzer's entry point for the checks in FuzzChecks/ChatStreamDecoders.
//
// A C executable because SwiftPM links a Swift one with `--defsym main=<module>_main`,
// which clashes with the `main` libFuzzer brings.
#include <stddef.h>
#include <stdint.h>

int SwitchyardFuzzChatStreamDecoders(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    return SwitchyardFuzzChatStreamDecoders(data, size);
}
