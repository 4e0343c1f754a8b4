/*
 * analyze_raw: score a raw video file through the CircleTake C ABI.
 *
 *   ffmpeg -i take.mov -f rawvideo -pix_fmt rgb24 take.rgb
 *   analyze_raw take.rgb 1920 1080 24000 1001 [report.json]
 *
 * Prints each shot with its score and suggested trim, and writes the JSON
 * report when a path is given. Build:
 *   cc -std=c11 -Wall -Wextra -Iinclude examples/c/analyze_raw.c \
 *      -Ltarget/release -lcircletake -Wl,-rpath,target/release -o analyze_raw
 */
#include "circletake.h"

#include <stdio.h>
#include <stdlib.h>

static int fail(const char *what, ct_status status) {
    char message[512];
    ct_last_error(message, sizeof message);
    fprintf(stderr, "analyze_raw: %s: %s (%s)\n", what, ct_status_str(status), message);
    return 1;
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s FILE.rgb WIDTH HEIGHT FPS_NUM FPS_DEN [REPORT.json]\n", argv[0]);
        return 2;
    }
    if ((ct_version() >> 16) != CT_VERSION_MAJOR) {
        fprintf(stderr, "analyze_raw: library ABI %u does not match header %d\n", ct_version() >> 16, CT_VERSION_MAJOR);
        return 1;
    }
    const uint32_t width = (uint32_t)strtoul(argv[2], NULL, 10);
    const uint32_t height = (uint32_t)strtoul(argv[3], NULL, 10);
    const uint32_t fps_num = (uint32_t)strtoul(argv[4], NULL, 10);
    const uint32_t fps_den = (uint32_t)strtoul(argv[5], NULL, 10);
    FILE *input = fopen(argv[1], "rb");
    if (!input) {
        perror(argv[1]);
        return 1;
    }

    ct_engine_options options;
    ct_engine_options_default(&options);
    options.faces = false; /* faster; set true to detect blinks */
    ct_engine *engine = NULL;
    ct_status status = ct_engine_new(&options, &engine);
    if (status != CT_STATUS_OK) return fail("engine", status);

    ct_analysis *analysis = NULL;
    status = ct_analysis_new(engine, fps_num, fps_den, &analysis);
    if (status != CT_STATUS_OK) return fail("analysis", status);

    const size_t frame_size = (size_t)width * height * 3;
    uint8_t *pixels = malloc(frame_size);
    int64_t frame = 0;
    while (pixels && fread(pixels, 1, frame_size, input) == frame_size) {
        status = ct_analysis_push(analysis, pixels, width, height, (intptr_t)width * 3, CT_PIXEL_FORMAT_RGB8, frame++);
        if (status != CT_STATUS_OK) return fail("push", status);
    }
    fclose(input);
    free(pixels);

    ct_report *report = NULL;
    status = ct_analysis_finish(analysis, &report);
    if (status != CT_STATUS_OK) return fail("finish", status);
    size_t shots = 0;
    ct_report_shot_count(report, &shots);
    printf("%lld frames, %zu shot(s)\n", (long long)frame, shots);
    for (size_t i = 0; i < shots; i++) {
        ct_shot shot;
        ct_report_shot(report, i, &shot);
        printf("shot %zu: frames %lld-%lld score %.0f, use %lld-%lld (confidence %.2f)\n", i + 1,
               (long long)shot.start, (long long)shot.end - 1, shot.score, (long long)shot.trim_in,
               (long long)shot.trim_out - 1, shot.trim_confidence);
    }
    if (argc > 6) {
        size_t size = 0;
        ct_report_json(report, NULL, 0, &size);
        char *json = malloc(size);
        if (json && ct_report_json(report, json, size, NULL) == CT_STATUS_OK) {
            FILE *out = fopen(argv[6], "wb");
            if (out) {
                fputs(json, out);
                fclose(out);
            }
        }
        free(json);
    }
    ct_report_free(report);
    ct_analysis_free(analysis);
    ct_engine_free(engine);
    return 0;
}
