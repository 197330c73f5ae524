/* Replays inputs through the decoder's fuzz target (src/kcs/fuzz/fuzz_decoder.c) without
 * libFuzzer: the inputs in fuzz-regressions/ once made the decoder misbehave, or the target's
 * check of the fast path against the full decoder fail (its abort fails the test), and in the
 * sanitizer build any memory error or undefined behaviour they provoke again fails the test.
 * Usage: kcs_fuzz_replay FILE... */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            perror(argv[i]);
            return 1;
        }
        fseek(f, 0, SEEK_END);
        long size = ftell(f);
        rewind(f);
        uint8_t *data = malloc(size > 0 ? (size_t)size : 1);
        size_t got = fread(data, 1, (size_t)(size > 0 ? size : 0), f);
        fclose(f);
        LLVMFuzzerTestOneInput(data, got);
        free(data);
        printf("replayed %s (%zu bytes)\n", argv[i], got);
    }
    return 0;
}
