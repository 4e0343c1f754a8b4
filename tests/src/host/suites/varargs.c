/*
 * The C-variadic entry points of the test host: the parameter suite's value
 * getters/setters and the message suite's printf-style functions.
 *
 * Stable Rust can declare but not define C-variadic functions, so these
 * functions read their `va_arg`s here and forward to non-variadic Rust
 * callbacks: param values according to the parameter's value type (which they
 * ask Rust for; src/host/suites/param.rs), messages formatted with vsnprintf
 * (src/host/suites/message.rs).
 *
 * OpenFX passes: int-valued params (int, int2D/3D, boolean, choice) as `int`
 * (`int *` to get), double-valued ones (double, double2D/3D, RGB, RGBA) as
 * `double` (`double *`), string-valued ones (string, custom, strChoice) as
 * `const char *` (`const char **`).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

typedef int OfxStatus;
typedef void *OfxParamHandle;

#define CT_MAX_DIMS 4
#define CT_ERR_BAD_HANDLE 9 /* kOfxStatErrBadHandle */

/* Value kinds, as returned by ct_host_param_value_kind (mirrored in param.rs). */
enum { CT_KIND_BAD = -1, CT_KIND_NONE = 0, CT_KIND_INT = 1, CT_KIND_DOUBLE = 2, CT_KIND_STRING = 3 };

/* Modes of a get (mirrored in param.rs). */
enum { CT_GET_VALUE = 0, CT_GET_AT_TIME = 1, CT_GET_DERIVATIVE = 2, CT_GET_INTEGRAL = 3 };

/* Implemented in Rust. `dims` receives the number of values (1..=4). */
int ct_host_param_value_kind(OfxParamHandle param, int *dims);
OfxStatus ct_host_param_get(OfxParamHandle param, int mode, double t1, double t2, void **outs,
                            int n);
OfxStatus ct_host_param_set(OfxParamHandle param, int at_time, double time, const int *ints,
                            const double *doubles, const char *string, int n);

static OfxStatus get_common(OfxParamHandle param, int mode, double t1, double t2, va_list ap) {
    int dims = 0;
    int kind = ct_host_param_value_kind(param, &dims);
    void *outs[CT_MAX_DIMS] = {NULL, NULL, NULL, NULL};
    if (kind == CT_KIND_BAD || dims < 0 || dims > CT_MAX_DIMS) {
        return CT_ERR_BAD_HANDLE;
    }
    for (int i = 0; i < dims; i++) {
        outs[i] = va_arg(ap, void *);
    }
    return ct_host_param_get(param, mode, t1, t2, outs, dims);
}

static OfxStatus set_common(OfxParamHandle param, int at_time, double time, va_list ap) {
    int dims = 0;
    int kind = ct_host_param_value_kind(param, &dims);
    int ints[CT_MAX_DIMS] = {0, 0, 0, 0};
    double doubles[CT_MAX_DIMS] = {0, 0, 0, 0};
    const char *string = NULL;
    if (kind == CT_KIND_BAD || dims < 0 || dims > CT_MAX_DIMS) {
        return CT_ERR_BAD_HANDLE;
    }
    for (int i = 0; i < dims; i++) {
        switch (kind) {
        case CT_KIND_INT: ints[i] = va_arg(ap, int); break;
        case CT_KIND_DOUBLE: doubles[i] = va_arg(ap, double); break;
        case CT_KIND_STRING: string = va_arg(ap, const char *); break;
        default: break;
        }
    }
    return ct_host_param_set(param, at_time, time, ints, doubles, string, dims);
}

OfxStatus ct_host_param_get_value(OfxParamHandle param, ...) {
    va_list ap;
    va_start(ap, param);
    OfxStatus st = get_common(param, CT_GET_VALUE, 0.0, 0.0, ap);
    va_end(ap);
    return st;
}

OfxStatus ct_host_param_get_value_at_time(OfxParamHandle param, double time, ...) {
    va_list ap;
    va_start(ap, time);
    OfxStatus st = get_common(param, CT_GET_AT_TIME, time, time, ap);
    va_end(ap);
    return st;
}

OfxStatus ct_host_param_get_derivative(OfxParamHandle param, double time, ...) {
    va_list ap;
    va_start(ap, time);
    OfxStatus st = get_common(param, CT_GET_DERIVATIVE, time, time, ap);
    va_end(ap);
    return st;
}

OfxStatus ct_host_param_get_integral(OfxParamHandle param, double time1, double time2, ...) {
    va_list ap;
    va_start(ap, time2);
    OfxStatus st = get_common(param, CT_GET_INTEGRAL, time1, time2, ap);
    va_end(ap);
    return st;
}

OfxStatus ct_host_param_set_value(OfxParamHandle param, ...) {
    va_list ap;
    va_start(ap, param);
    OfxStatus st = set_common(param, 0, 0.0, ap);
    va_end(ap);
    return st;
}

OfxStatus ct_host_param_set_value_at_time(OfxParamHandle param, double time, ...) {
    va_list ap;
    va_start(ap, time);
    OfxStatus st = set_common(param, 1, time, ap);
    va_end(ap);
    return st;
}

/* ---- message suite ---- */

/* Implemented in Rust: `persistent` is 0 for message(), 1 for setPersistentMessage(). */
OfxStatus ct_host_message(void *handle, int persistent, const char *type, const char *id,
                          const char *text);

#define CT_MESSAGE_MAX 4096

static OfxStatus message_common(void *handle, int persistent, const char *type, const char *id,
                                const char *format, va_list ap) {
    char text[CT_MESSAGE_MAX];
    if (format == NULL) {
        text[0] = 0;
    } else {
        vsnprintf(text, sizeof text, format, ap);
    }
    return ct_host_message(handle, persistent, type, id, text);
}

OfxStatus ct_host_message_v(void *handle, const char *type, const char *id, const char *format,
                            ...) {
    va_list ap;
    va_start(ap, format);
    OfxStatus st = message_common(handle, 0, type, id, format, ap);
    va_end(ap);
    return st;
}

OfxStatus ct_host_set_persistent_message_v(void *handle, const char *type, const char *id,
                                           const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    OfxStatus st = message_common(handle, 1, type, id, format, ap);
    va_end(ap);
    return st;
}
