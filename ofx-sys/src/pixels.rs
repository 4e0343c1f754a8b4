//! `ofxPixels.h`: pixel structs for each depth.

/// 8 bit RGBA pixel.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OfxRGBAColourB {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
    /// Alpha.
    pub a: u8,
}
/// 16 bit RGBA pixel.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OfxRGBAColourS {
    /// Red.
    pub r: u16,
    /// Green.
    pub g: u16,
    /// Blue.
    pub b: u16,
    /// Alpha.
    pub a: u16,
}
/// 32 bit float RGBA pixel.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OfxRGBAColourF {
    /// Red.
    pub r: f32,
    /// Green.
    pub g: f32,
    /// Blue.
    pub b: f32,
    /// Alpha.
    pub a: f32,
}
/// 64 bit float RGBA colour.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OfxRGBAColourD {
    /// Red.
    pub r: f64,
    /// Green.
    pub g: f64,
    /// Blue.
    pub b: f64,
    /// Alpha.
    pub a: f64,
}
/// 8 bit RGB pixel.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OfxRGBColourB {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}
/// 16 bit RGB pixel.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OfxRGBColourS {
    /// Red.
    pub r: u16,
    /// Green.
    pub g: u16,
    /// Blue.
    pub b: u16,
}
/// 32 bit float RGB pixel.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OfxRGBColourF {
    /// Red.
    pub r: f32,
    /// Green.
    pub g: f32,
    /// Blue.
    pub b: f32,
}
/// 64 bit float RGB colour.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OfxRGBColourD {
    /// Red.
    pub r: f64,
    /// Green.
    pub g: f64,
    /// Blue.
    pub b: f64,
}
