/*
 * Drives the CircleTake C ABI the way a pipeline would: engine, analysis of
 * synthetic frames (two "shots" with a hard cut, bottom-up storage for half of
 * them), report accessors, JSON, and every error path with NULL/invalid
 * arguments. Compiled with -std=c11 -Wall -Wextra -Werror (and once under
 * AddressSanitizer) by tests/tests/capi_c.rs; exits non-zero on any failure.
 */
#include "circletake.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (!(cond)) {                                                           \
            char msg[256];                                                       \
            ct_last_error(msg, sizeof msg);                                      \
            fprintf(stderr, "%s:%d: CHECK(%s) failed (last error: %s)\n",        \
                    __FILE__, __LINE__, #cond, msg);                             \
            failures++;                                                          \
        }                                                                        \
    } while (0)

enum { W = 96, H = 64, FRAMES = 40, CUT = 20 };

/* A textured frame; the pattern changes completely at the cut. */
static void fill(uint8_t *rgba, int frame) {
    int shot = frame >= CUT;
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            uint8_t *p = rgba + ((size_t)y * W + x) * 4;
            int v = shot ? ((x / 8 + y / 8) % 2) * 200 + 20 : (x * 255 / W);
            p[0] = (uint8_t)v;
            p[1] = (uint8_t)(shot ? 255 - v : (y * 255 / H));
            p[2] = (uint8_t)((x + frame) & 0xff);
            p[3] = 255;
        }
    }
}

int main(void) {
    /* Header and library agree. */
    uint32_t v = ct_version();
    CHECK((v >> 16) == CT_VERSION_MAJOR);
    CHECK(((v >> 8) & 0xff) >= CT_VERSION_MINOR);
    CHECK(strcmp(ct_status_str(CT_STATUS_OK), "ok") == 0);
    CHECK(ct_status_str(12345) != NULL);

    /* NULL everywhere is an error, never a crash; frees accept NULL. */
    CHECK(ct_engine_new(NULL, NULL) == CT_STATUS_NULL_ARGUMENT);
    CHECK(ct_analysis_new(NULL, 25, 1, NULL) == CT_STATUS_NULL_ARGUMENT);
    CHECK(ct_analysis_push(NULL, NULL, W, H, W * 4, CT_PIXEL_FORMAT_RGBA8, 0) == CT_STATUS_NULL_ARGUMENT);
    CHECK(ct_report_json(NULL, NULL, 0, NULL) == CT_STATUS_NULL_ARGUMENT);
    ct_engine_free(NULL);
    ct_analysis_free(NULL);
    ct_report_free(NULL);
    char small[8];
    size_t needed = ct_last_error(small, sizeof small);
    CHECK(needed > sizeof small);               /* message longer than 8 bytes */
    CHECK(strlen(small) == sizeof small - 1);    /* truncated, NUL-terminated */

    ct_engine_options options;
    CHECK(ct_engine_options_default(&options) == CT_STATUS_OK);
    options.device = CT_DEVICE_CPU;
    options.faces = false;
    options.model_dir = getenv("CIRCLETAKE_MODELS");
    ct_engine *engine = NULL;
    CHECK(ct_engine_new(&options, &engine) == CT_STATUS_OK);
    if (!engine) return 1;
    char description[512];
    CHECK(ct_engine_describe(engine, description, sizeof description, &needed) == CT_STATUS_OK);
    printf("engine: %s\n", description);

    ct_analysis *analysis = NULL;
    CHECK(ct_analysis_new(engine, 25, 0, &analysis) == CT_STATUS_INVALID_ARGUMENT);
    CHECK(ct_analysis_new(engine, 25, 1, &analysis) == CT_STATUS_OK);

    uint8_t *rgba = malloc((size_t)W * H * 4);
    uint8_t *flipped = malloc((size_t)W * H * 4);
    for (int f = 0; f < FRAMES; f++) {
        fill(rgba, f);
        if (f % 2) {
            /* Bottom-up storage: pointer at the top row, negative stride. */
            for (int y = 0; y < H; y++)
                memcpy(flipped + (size_t)(H - 1 - y) * W * 4, rgba + (size_t)y * W * 4, (size_t)W * 4);
            const uint8_t *top = flipped + (size_t)(H - 1) * W * 4;
            CHECK(ct_analysis_push(analysis, top, W, H, -(intptr_t)W * 4, CT_PIXEL_FORMAT_RGBA8, f) == CT_STATUS_OK);
        } else {
            CHECK(ct_analysis_push(analysis, rgba, W, H, W * 4, CT_PIXEL_FORMAT_RGBA8, f) == CT_STATUS_OK);
        }
    }
    /* Bad input is refused with a clear status. */
    CHECK(ct_analysis_push(analysis, rgba, W, H, W * 4, 99, FRAMES) == CT_STATUS_UNSUPPORTED_FORMAT);
    CHECK(ct_analysis_push(analysis, rgba, W, H, 4, CT_PIXEL_FORMAT_RGBA8, FRAMES) == CT_STATUS_INVALID_ARGUMENT);
    CHECK(ct_analysis_push(analysis, rgba, W, H, W * 4, CT_PIXEL_FORMAT_RGBA8, 3) != CT_STATUS_OK); /* out of order */

    ct_report *report = NULL;
    CHECK(ct_analysis_finish(analysis, &report) == CT_STATUS_OK);
    CHECK(ct_analysis_finish(analysis, &report) == CT_STATUS_INVALID_STATE);
    CHECK(ct_analysis_push(analysis, rgba, W, H, W * 4, CT_PIXEL_FORMAT_RGBA8, FRAMES + 1) == CT_STATUS_INVALID_STATE);

    size_t shots = 0, cuts = 0;
    CHECK(ct_report_shot_count(report, &shots) == CT_STATUS_OK);
    CHECK(ct_report_cut_count(report, &cuts) == CT_STATUS_OK);
    CHECK(shots == 2 && cuts == 1);
    int64_t cut_frame = -1;
    CHECK(ct_report_cut(report, 0, &cut_frame) == CT_STATUS_OK);
    CHECK(cut_frame == CUT);
    CHECK(ct_report_cut(report, cuts, &cut_frame) == CT_STATUS_OUT_OF_RANGE);
    for (size_t i = 0; i < shots; i++) {
        ct_shot shot;
        CHECK(ct_report_shot(report, i, &shot) == CT_STATUS_OK);
        CHECK(shot.start < shot.end && shot.score >= 0 && shot.score <= 100);
        CHECK(shot.trim_in >= shot.start && shot.trim_out <= shot.end);
        printf("shot %zu: [%lld, %lld) score %.1f trim [%lld, %lld)\n", i, (long long)shot.start,
               (long long)shot.end, shot.score, (long long)shot.trim_in, (long long)shot.trim_out);
    }
    ct_shot none;
    CHECK(ct_report_shot(report, shots, &none) == CT_STATUS_OUT_OF_RANGE);

    size_t json_size = 0;
    CHECK(ct_report_json(report, NULL, 0, &json_size) == CT_STATUS_BUFFER_TOO_SMALL);
    CHECK(json_size > 2);
    char *json = malloc(json_size);
    CHECK(ct_report_json(report, json, json_size, &needed) == CT_STATUS_OK);
    CHECK(needed == json_size && json[0] == '{' && strlen(json) + 1 == json_size);
    CHECK(strstr(json, "\"circletake.report\"") != NULL);

    free(json);
    free(rgba);
    free(flipped);
    ct_report_free(report);
    ct_analysis_free(analysis);
    ct_engine_free(engine);
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("C ABI smoke test: all checks passed\n");
    return 0;
}
