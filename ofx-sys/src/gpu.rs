//! `ofxGPURender.h`: OpenGL render suite and the CUDA / Metal / OpenCL render
//! properties (OpenFX 1.5).

use std::ffi::{c_char, CStr};

use crate::core::{OfxPropertySetHandle, OfxRectD, OfxTime};
use crate::image_effect::OfxImageClipHandle;
use crate::status::OfxStatus;

/// `kOfxOpenGLRenderSuite`.
pub const K_OFX_OPEN_GL_RENDER_SUITE: &CStr = c"OfxImageEffectOpenGLRenderSuite";
/// `kOfxImageEffectPropOpenGLRenderSupported` (string X 1: "false"/"true"/"needed").
pub const K_OFX_IMAGE_EFFECT_PROP_OPEN_GL_RENDER_SUPPORTED: &CStr =
    c"OfxImageEffectPropOpenGLRenderSupported";
/// `kOfxOpenGLPropPixelDepth` (string X N).
pub const K_OFX_OPEN_GL_PROP_PIXEL_DEPTH: &CStr = c"OfxOpenGLPropPixelDepth";
/// `kOfxImageEffectPropOpenGLEnabled` (int X 1, render inArgs).
pub const K_OFX_IMAGE_EFFECT_PROP_OPEN_GL_ENABLED: &CStr = c"OfxImageEffectPropOpenGLEnabled";
/// `kOfxImageEffectPropOpenGLTextureIndex` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_OPEN_GL_TEXTURE_INDEX: &CStr =
    c"OfxImageEffectPropOpenGLTextureIndex";
/// `kOfxImageEffectPropOpenGLTextureTarget` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_OPEN_GL_TEXTURE_TARGET: &CStr =
    c"OfxImageEffectPropOpenGLTextureTarget";
/// `kOfxActionOpenGLContextAttached`.
pub const K_OFX_ACTION_OPEN_GL_CONTEXT_ATTACHED: &CStr = c"OfxActionOpenGLContextAttached";
/// `kOfxActionOpenGLContextDetached` (the header's string keeps the `k`).
pub const K_OFX_ACTION_OPEN_GL_CONTEXT_DETACHED: &CStr = c"kOfxActionOpenGLContextDetached";

/// `kOfxImageEffectPropCudaRenderSupported` (string X 1: "false"/"true").
pub const K_OFX_IMAGE_EFFECT_PROP_CUDA_RENDER_SUPPORTED: &CStr =
    c"OfxImageEffectPropCudaRenderSupported";
/// `kOfxImageEffectPropCudaEnabled` (int X 1, render inArgs).
pub const K_OFX_IMAGE_EFFECT_PROP_CUDA_ENABLED: &CStr = c"OfxImageEffectPropCudaEnabled";
/// `kOfxImageEffectPropCudaStreamSupported` (string X 1: "false"/"true").
pub const K_OFX_IMAGE_EFFECT_PROP_CUDA_STREAM_SUPPORTED: &CStr =
    c"OfxImageEffectPropCudaStreamSupported";
/// `kOfxImageEffectPropCudaStream` (pointer X 1: `cudaStream_t`).
pub const K_OFX_IMAGE_EFFECT_PROP_CUDA_STREAM: &CStr = c"OfxImageEffectPropCudaStream";
/// `kOfxImageEffectPropMetalRenderSupported` (string X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_METAL_RENDER_SUPPORTED: &CStr =
    c"OfxImageEffectPropMetalRenderSupported";
/// `kOfxImageEffectPropMetalEnabled` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_METAL_ENABLED: &CStr = c"OfxImageEffectPropMetalEnabled";
/// `kOfxImageEffectPropMetalCommandQueue` (pointer X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_METAL_COMMAND_QUEUE: &CStr =
    c"OfxImageEffectPropMetalCommandQueue";
/// `kOfxImageEffectPropOpenCLRenderSupported` (string X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_OPEN_CL_RENDER_SUPPORTED: &CStr =
    c"OfxImageEffectPropOpenCLRenderSupported";
/// `kOfxImageEffectPropOpenCLEnabled` (int X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_OPEN_CL_ENABLED: &CStr = c"OfxImageEffectPropOpenCLEnabled";
/// `kOfxImageEffectPropOpenCLCommandQueue` (pointer X 1).
pub const K_OFX_IMAGE_EFFECT_PROP_OPEN_CL_COMMAND_QUEUE: &CStr =
    c"OfxImageEffectPropOpenCLCommandQueue";

/// `OfxImageEffectOpenGLRenderSuiteV1`, members in header order.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct OfxImageEffectOpenGLRenderSuiteV1 {
    /// Load a clip image as an OpenGL texture.
    pub clipLoadTexture: Option<
        unsafe extern "C" fn(
            clip: OfxImageClipHandle,
            time: OfxTime,
            format: *const c_char,
            region: *const OfxRectD,
            textureHandle: *mut OfxPropertySetHandle,
        ) -> OfxStatus,
    >,
    /// Release a texture handle.
    pub clipFreeTexture:
        Option<unsafe extern "C" fn(textureHandle: OfxPropertySetHandle) -> OfxStatus>,
    /// Ask the host to release GPU resources.
    pub flushResources: Option<unsafe extern "C" fn() -> OfxStatus>,
}
