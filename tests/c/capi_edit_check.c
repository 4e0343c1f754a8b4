/*
 * Cut Check through the C ABI, the way a pipeline would use it on two frame
 * sequences: engine, ct_edit_check of one edit with real frames (packed RGB8
 * files written by tests/tests/capi_c.rs, pushed in any order, some bottom-up),
 * every report accessor, the JSON, and every error path (NULLs, bad side, frame
 * outside the wanted span, finish without the edit frames, unsupported format,
 * index out of range, buffer size queries).
 *
 *   capi_edit_check <frames dir> <report.json to write>
 *
 * <frames dir>/edit.txt holds "rate_num rate_den out_frame in_frame out_w out_h
 * in_w in_h"; frames are out_<n>.rgb and in_<n>.rgb (a missing file = a frame
 * the clip does not have). Prints the verdict, the issues and the suggestion,
 * writes the report's JSON, exits non-zero on any failed check. Compiled with
 * -std=c11 -Wall -Wextra -Werror (and once under AddressSanitizer).
 */
#include "circletake.h"

#include <stdint.h>
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

/* Reads a whole file; NULL when it does not exist. */
static uint8_t *read_file(const char *path, size_t *size) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
    *size = fread(data, 1, (size_t)n, f);
    fclose(f);
    return data;
}

static const char *SIDE_NAMES[] = {"outgoing", "incoming"};
static const char *PREFIX[] = {"out", "in"};

/*
 * Pushes the frames the check wants of `side` that exist on disk. Incoming
 * frames go in descending order (any order is allowed); every third frame is
 * stored bottom-up (negative stride). The frame at the edit is skipped when
 * `skip_edit` is set. Returns the number pushed.
 */
static int push_side(ct_edit_check *check, const char *dir, int side, uint32_t w, uint32_t h,
                     int64_t edit_frame, int skip_edit) {
    int64_t first = 0, last = -1;
    CHECK(ct_edit_check_wanted(check, side, &first, &last) == CT_STATUS_OK);
    size_t row = (size_t)w * 3;
    uint8_t *flipped = malloc(row * h);
    int pushed = 0;
    for (int64_t k = 0; k <= last - first; k++) {
        int64_t n = side == CT_EDIT_SIDE_INCOMING ? last - k : first + k;
        if (skip_edit && n == edit_frame) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s_%lld.rgb", dir, PREFIX[side], (long long)n);
        size_t size = 0;
        uint8_t *rgb = read_file(path, &size);
        if (!rgb) continue;
        CHECK(size == row * h);
        ct_status status;
        if (n % 3 == 0) {
            for (uint32_t y = 0; y < h; y++)
                memcpy(flipped + (size_t)(h - 1 - y) * row, rgb + (size_t)y * row, row);
            const uint8_t *top = flipped + (size_t)(h - 1) * row;
            status = ct_edit_check_push(check, side, n, top, w, h, -(intptr_t)row, CT_PIXEL_FORMAT_RGB8);
        } else {
            status = ct_edit_check_push(check, side, n, rgb, w, h, (intptr_t)row, CT_PIXEL_FORMAT_RGB8);
        }
        CHECK(status == CT_STATUS_OK);
        pushed += status == CT_STATUS_OK;
        /* Pushing a frame again does nothing. */
        CHECK(ct_edit_check_push(check, side, n, rgb, w, h, (intptr_t)row, CT_PIXEL_FORMAT_RGB8) == CT_STATUS_OK);
        free(rgb);
    }
    free(flipped);
    printf("%s: %d frames pushed of %lld..%lld\n", SIDE_NAMES[side], pushed, (long long)first, (long long)last);
    return pushed;
}

/* The error paths that need no frames. */
static void argument_errors(const ct_engine *engine) {
    ct_edit_check *check = NULL;
    CHECK(ct_edit_check_new(NULL, 25, 1, 20, 20, -1, &check) == CT_STATUS_NULL_ARGUMENT);
    CHECK(ct_edit_check_new(engine, 25, 1, 20, 20, -1, NULL) == CT_STATUS_NULL_ARGUMENT);
    CHECK(ct_edit_check_new(engine, 25, 0, 20, 20, -1, &check) == CT_STATUS_INVALID_ARGUMENT);
    CHECK(ct_edit_check_new(engine, 25, 1, 20, 20, CT_EDIT_CHECK_MAX_SHIFT + 1, &check) == CT_STATUS_INVALID_ARGUMENT);
    CHECK(ct_edit_check_new(engine, 25, 1, (int64_t)INT32_MAX + 1, 20, -1, &check) == CT_STATUS_INVALID_ARGUMENT);
    CHECK(check == NULL);
    int64_t first = 0, last = 0;
    CHECK(ct_edit_check_wanted(NULL, CT_EDIT_SIDE_OUTGOING, &first, &last) == CT_STATUS_NULL_ARGUMENT);
    CHECK(ct_edit_check_push(NULL, CT_EDIT_SIDE_OUTGOING, 0, NULL, 8, 8, 24, CT_PIXEL_FORMAT_RGB8) == CT_STATUS_NULL_ARGUMENT);
    CHECK(ct_edit_check_finish(NULL, NULL) == CT_STATUS_NULL_ARGUMENT);
    ct_edit_report *report = NULL;
    CHECK(ct_edit_check_finish(NULL, &report) == CT_STATUS_NULL_ARGUMENT);
    size_t count = 0;
    CHECK(ct_edit_report_issue_count(NULL, &count) == CT_STATUS_NULL_ARGUMENT);
    CHECK(ct_edit_report_json(NULL, NULL, 0, NULL) == CT_STATUS_NULL_ARGUMENT);
    ct_edit_check_free(NULL);
    ct_edit_report_free(NULL);

    /* max_shift 0: only the edit frames +- 8 of context are wanted. */
    CHECK(ct_edit_check_new(engine, 25, 1, 100, 7, 0, &check) == CT_STATUS_OK);
    CHECK(ct_edit_check_wanted(check, CT_EDIT_SIDE_OUTGOING, &first, &last) == CT_STATUS_OK);
    CHECK(first == 92 && last == 108);
    CHECK(ct_edit_check_wanted(check, CT_EDIT_SIDE_INCOMING, &first, &last) == CT_STATUS_OK);
    CHECK(first == -1 && last == 15);
    CHECK(ct_edit_check_wanted(check, CT_EDIT_SIDE_NONE, &first, &last) == CT_STATUS_INVALID_ARGUMENT);
    CHECK(ct_edit_check_wanted(check, 2, &first, &last) == CT_STATUS_INVALID_ARGUMENT);
    CHECK(ct_edit_check_wanted(check, CT_EDIT_SIDE_OUTGOING, NULL, &last) == CT_STATUS_NULL_ARGUMENT);
    enum { W = 32, H = 18 };
    static uint8_t grey[W * H * 3];
    memset(grey, 128, sizeof grey);
    CHECK(ct_edit_check_push(check, 5, 100, grey, W, H, W * 3, CT_PIXEL_FORMAT_RGB8) == CT_STATUS_INVALID_ARGUMENT);
    CHECK(ct_edit_check_push(check, CT_EDIT_SIDE_OUTGOING, 109, grey, W, H, W * 3, CT_PIXEL_FORMAT_RGB8) == CT_STATUS_INVALID_ARGUMENT);
    CHECK(ct_edit_check_push(check, CT_EDIT_SIDE_OUTGOING, 100, grey, W, H, W * 3, 99) == CT_STATUS_UNSUPPORTED_FORMAT);
    CHECK(ct_edit_check_push(check, CT_EDIT_SIDE_OUTGOING, 100, NULL, W, H, W * 3, CT_PIXEL_FORMAT_RGB8) == CT_STATUS_NULL_ARGUMENT);
    CHECK(ct_edit_check_push(check, CT_EDIT_SIDE_OUTGOING, 100, grey, W, H, W, CT_PIXEL_FORMAT_RGB8) == CT_STATUS_INVALID_ARGUMENT);
    /* Finish without the edit frames: refused, and the check stays usable. */
    CHECK(ct_edit_check_finish(check, &report) == CT_STATUS_INVALID_STATE);
    CHECK(report == NULL);
    for (int n = 92; n <= 108; n++)
        CHECK(ct_edit_check_push(check, CT_EDIT_SIDE_OUTGOING, n, grey, W, H, W * 3, CT_PIXEL_FORMAT_RGB8) == CT_STATUS_OK);
    CHECK(ct_edit_check_finish(check, &report) == CT_STATUS_INVALID_STATE); /* no incoming frame 7 yet */
    for (int n = 0; n <= 15; n++)
        CHECK(ct_edit_check_push(check, CT_EDIT_SIDE_INCOMING, n, grey, W, H, W * 3, CT_PIXEL_FORMAT_RGB8) == CT_STATUS_OK);
    CHECK(ct_edit_check_finish(check, &report) == CT_STATUS_OK);
    CHECK(report != NULL);
    /* Finished: no more frames, no second report. */
    ct_edit_report *again = NULL;
    CHECK(ct_edit_check_finish(check, &again) == CT_STATUS_INVALID_STATE);
    CHECK(ct_edit_check_push(check, CT_EDIT_SIDE_OUTGOING, 100, grey, W, H, W * 3, CT_PIXEL_FORMAT_RGB8) == CT_STATUS_INVALID_STATE);
    CHECK(ct_edit_check_wanted(check, CT_EDIT_SIDE_OUTGOING, &first, &last) == CT_STATUS_INVALID_STATE);
    /* The same grey on both sides: the same framing, no roll within 0 frames. */
    bool has = true;
    int32_t shift = 99;
    CHECK(ct_edit_report_suggested_shift(report, &shift, &has) == CT_STATUS_OK);
    CHECK(!has && shift == 0);
    CHECK(ct_edit_report_issue_count(report, &count) == CT_STATUS_OK);
    ct_edit_issue issue;
    CHECK(ct_edit_report_issue(report, count, &issue) == CT_STATUS_OUT_OF_RANGE);
    char small[4];
    CHECK(ct_edit_report_issue_message(report, count, small, sizeof small, NULL) == CT_STATUS_OUT_OF_RANGE);
    ct_edit_report_free(report);
    ct_edit_check_free(check);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <frames dir> <report.json>\n", argv[0]);
        return 2;
    }
    const char *dir = argv[1];
    CHECK(((ct_version() >> 8) & 0xff) >= 2); /* the edit check came with ABI 0.2 */

    char path[1024];
    snprintf(path, sizeof path, "%s/edit.txt", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }
    unsigned rate_num, rate_den, w[2], h[2];
    long long out_frame, in_frame;
    int got = fscanf(f, "%u %u %lld %lld %u %u %u %u", &rate_num, &rate_den, &out_frame, &in_frame,
                     &w[0], &h[0], &w[1], &h[1]);
    fclose(f);
    if (got != 8) {
        fprintf(stderr, "%s: expected 8 numbers\n", path);
        return 1;
    }

    ct_engine_options options;
    CHECK(ct_engine_options_default(&options) == CT_STATUS_OK);
    options.device = CT_DEVICE_CPU;
    options.model_dir = getenv("CIRCLETAKE_MODELS");
    ct_engine *engine = NULL;
    CHECK(ct_engine_new(&options, &engine) == CT_STATUS_OK);
    if (!engine) return 1;

    argument_errors(engine);

    ct_edit_check *check = NULL;
    CHECK(ct_edit_check_new(engine, rate_num, rate_den, out_frame, in_frame, -1, &check) == CT_STATUS_OK);
    if (!check) return 1;
    /* All but the outgoing edit frame first: finishing then is refused. */
    CHECK(push_side(check, dir, CT_EDIT_SIDE_OUTGOING, w[0], h[0], out_frame, 1) > 0);
    CHECK(push_side(check, dir, CT_EDIT_SIDE_INCOMING, w[1], h[1], in_frame, 0) > 0);
    ct_edit_report *report = NULL;
    CHECK(ct_edit_check_finish(check, &report) == CT_STATUS_INVALID_STATE);
    CHECK(push_side(check, dir, CT_EDIT_SIDE_OUTGOING, w[0], h[0], out_frame, 0) > 0);
    CHECK(ct_edit_check_finish(check, &report) == CT_STATUS_OK);
    ct_edit_check_free(check);
    if (!report) return 1;

    static const char *VERDICTS[] = {"clean", "move_edit", "review"};
    ct_edit_verdict verdict = CT_EDIT_VERDICT_CLEAN;
    CHECK(ct_edit_report_verdict(report, &verdict) == CT_STATUS_OK);
    CHECK((int)verdict >= (int)CT_EDIT_VERDICT_CLEAN && (int)verdict <= (int)CT_EDIT_VERDICT_REVIEW);
    printf("verdict: %s\n", VERDICTS[verdict]);
    size_t count = 0;
    CHECK(ct_edit_report_issue_count(report, &count) == CT_STATUS_OK);
    for (size_t i = 0; i < count; i++) {
        ct_edit_issue issue;
        CHECK(ct_edit_report_issue(report, i, &issue) == CT_STATUS_OK);
        CHECK(issue.severity >= 0.0f && issue.severity <= 1.0f);
        CHECK((int)issue.kind >= (int)CT_EDIT_ISSUE_KIND_BLINK && (int)issue.kind <= (int)CT_EDIT_ISSUE_KIND_SOURCE_CUT);
        CHECK(issue.has_frame == (issue.side != CT_EDIT_SIDE_NONE));
        size_t needed = 0;
        CHECK(ct_edit_report_issue_message(report, i, NULL, 0, &needed) == CT_STATUS_BUFFER_TOO_SMALL);
        char *message = malloc(needed);
        CHECK(ct_edit_report_issue_message(report, i, message, needed, NULL) == CT_STATUS_OK);
        printf("issue: kind %d side %d frame %lld severity %.2f: %s\n", (int)issue.kind, (int)issue.side,
               issue.has_frame ? (long long)issue.frame : -1LL, issue.severity, message);
        free(message);
    }
    ct_edit_issue none;
    CHECK(ct_edit_report_issue(report, count, &none) == CT_STATUS_OUT_OF_RANGE);
    CHECK(ct_edit_report_issue(report, 0, NULL) == (count ? CT_STATUS_NULL_ARGUMENT : CT_STATUS_OUT_OF_RANGE));

    int32_t shift = 0;
    bool has = false;
    CHECK(ct_edit_report_suggested_shift(report, &shift, &has) == CT_STATUS_OK);
    CHECK(has == (verdict == CT_EDIT_VERDICT_MOVE_EDIT));
    size_t needed = 0;
    char tiny[4];
    ct_status status = ct_edit_report_reason(report, tiny, sizeof tiny, &needed);
    CHECK(has ? (status == CT_STATUS_BUFFER_TOO_SMALL && needed > sizeof tiny) : (status == CT_STATUS_OK && needed == 1));
    char *reason = malloc(needed);
    CHECK(ct_edit_report_reason(report, reason, needed, NULL) == CT_STATUS_OK);
    CHECK(strlen(reason) + 1 == needed);
    if (has) printf("suggestion: %+d (%s)\n", (int)shift, reason);
    else printf("suggestion: none\n");
    free(reason);

    ct_edit_measures measures;
    CHECK(ct_edit_report_measures(report, &measures) == CT_STATUS_OK);
    CHECK(measures.framing_similarity >= 0.0f && measures.framing_similarity <= 1.0f);
    CHECK(measures.exposure_change >= -1.0f && measures.exposure_change <= 1.0f);
    printf("framing %.3f exposure %+.3f colour %.3f\n", measures.framing_similarity,
           measures.exposure_change, measures.colour_change);

    size_t json_size = 0;
    CHECK(ct_edit_report_json(report, NULL, 0, &json_size) == CT_STATUS_BUFFER_TOO_SMALL);
    char *json = malloc(json_size);
    memset(json, 1, json_size);
    CHECK(ct_edit_report_json(report, json, json_size - 1, &needed) == CT_STATUS_BUFFER_TOO_SMALL);
    CHECK(needed == json_size && json[0] == 1); /* nothing written */
    CHECK(ct_edit_report_json(report, json, json_size, NULL) == CT_STATUS_OK);
    CHECK(strlen(json) + 1 == json_size && strstr(json, "\"circletake.edit_check\"") != NULL);
    FILE *out = fopen(argv[2], "w");
    CHECK(out != NULL);
    if (out) {
        fputs(json, out);
        fclose(out);
    }
    free(json);
    ct_edit_report_free(report);
    ct_engine_free(engine);
    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("C ABI edit check: all checks passed\n");
    return 0;
}
